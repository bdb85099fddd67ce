package io.github.backupcatalogue.validate;

import static io.github.backupcatalogue.Catalogues.NO_STATE;
import static io.github.backupcatalogue.Catalogues.headlines;
import static io.github.backupcatalogue.Catalogues.organizationWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.backupcatalogue.BackupCatalogue;
import io.github.backupcatalogue.Catalogues;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.Diagnostics;
import io.github.backupcatalogue.diagnostics.DiagnosticFormats;
import io.github.backupcatalogue.diagnostics.SourceFile;
import org.junit.jupiter.api.Test;

/** Warnings acknowledged in the catalogue print as notes and no longer fail {@code failOnWarnings}. */
class AcknowledgementTest {

  private static final String F = "backup-catalogue.yaml:";
  private static final String S3 = "S3 is selected: AWS Backup backs up only buckets with versioning enabled";
  private static final String BC305 = F + "32:20: warning[BC305]: copies of RDS backups to another account need each "
      + "resource's customer-managed KMS key shared with that account; AWS managed keys (aws/rds, aws/ebs, ...) can never "
      + "be, and those copy jobs fail. No resource_keys are listed for: app (eu-west-1)";

  /** The base catalogue selecting S3 (BC301 at 36:26), with {@code entries} appended from line 41. */
  private static String withS3(String entries) {
    return organizationWith("resource_types: [RDS]", "resource_types: [RDS, S3]") + entries;
  }

  private static String acknowledge(String code, String at, String reason) {
    return "acknowledge:\n  - code: " + code + "\n    at: " + at + "\n    reason: " + reason + "\n";
  }

  private static Diagnostics validate(String yaml) {
    return BackupCatalogue.validate(new SourceFile("backup-catalogue.yaml", yaml));
  }

  private static BackupCatalogue.Result render(String yaml, boolean failOnWarnings) throws Exception {
    return BackupCatalogue.render(new SourceFile("backup-catalogue.yaml", yaml), null, failOnWarnings);
  }

  @Test
  void roundTripWarningAcknowledgedNoteThenUnusedWhenTheCauseIsGone() throws Exception {
    String warned = withS3("");
    assertThat(headlines(warned)).containsExactly(NO_STATE, BC305, F + "36:31: warning[BC301]: " + S3);
    assertThat(render(warned, true).files()).isEmpty();

    String both = acknowledge("BC301", "plans.Daily", "buckets are created by the bucket module, which enables versioning")
        + "  - code: BC305\n    at: plans.Daily.rules.Nightly.copy_to\n    reason: RDS instances use the shared CMK\n"
        + "  - code: BC375\n    at: organization\n    reason: a wrapper supplies the backend\n";
    String acknowledged = withS3(both);
    assertThat(headlines(acknowledged)).containsExactly(NO_STATE.replace("warning[BC375]", "note[BC375]")
            + " (acknowledged: a wrapper supplies the backend)",
        F + "32:20: note[BC305]: copies of RDS backups to another account need each resource's customer-managed KMS key "
            + "shared with that account; AWS managed keys (aws/rds, aws/ebs, ...) can never be, and those copy jobs fail. "
            + "No resource_keys are listed for: app (eu-west-1) (acknowledged: RDS instances use the shared CMK)",
        F + "36:31: note[BC301]: " + S3 + " (acknowledged: buckets are created by the bucket module, which enables versioning)");
    Diagnostics diagnostics = validate(acknowledged);
    assertThat(diagnostics.warnings()).isEmpty();
    assertThat(diagnostics.notes()).hasSize(3);
    assertThat(diagnostics.summary()).isEqualTo("backup-catalogue.yaml: 0 errors, 0 warnings, 3 notes");
    assertThat(diagnostics.all().get(2).format(diagnostics.source())).isEqualTo(
        F + "36:31: note[BC301]: " + S3 + " (acknowledged: buckets are created by the bucket module, which enables versioning)\n"
            + " 36 |         resource_types: [RDS, S3]\n"
            + "    |                               ^\n");
    assertThat(render(acknowledged, true).files()).isPresent();

    String fixed = Catalogues.ORGANIZATION + both;
    assertThat(headlines(fixed)).containsExactly(NO_STATE.replace("warning[BC375]", "note[BC375]")
            + " (acknowledged: a wrapper supplies the backend)",
        F + "32:20: note[BC305]: copies of RDS backups to another account need each resource's customer-managed KMS key "
            + "shared with that account; AWS managed keys (aws/rds, aws/ebs, ...) can never be, and those copy jobs fail. "
            + "No resource_keys are listed for: app (eu-west-1) (acknowledged: RDS instances use the shared CMK)",
        F + "42:5: warning[BC309]: acknowledges BC301 at plans.Daily, but no such warning remains: remove it");
    assertThat(render(fixed, true).files()).isEmpty();
    assertThat(render(fixed, false).files()).isPresent();
  }

  @Test
  void anAcknowledgementCoversItsPlaceOnly() {
    String yaml = withS3(acknowledge("BC301", "organization.accounts.app", "not here"));
    assertThat(headlines(yaml)).containsExactly(NO_STATE, BC305, F + "36:31: warning[BC301]: " + S3,
        F + "42:5: warning[BC309]: acknowledges BC301 at organization.accounts.app, but no such warning remains: remove it");
  }

  @Test
  void anAcknowledgementCoversItsCodeOnly() {
    String yaml = withS3(acknowledge("BC302", "plans.Daily", "wrong code"));
    assertThat(headlines(yaml)).containsExactly(NO_STATE, BC305, F + "36:31: warning[BC301]: " + S3,
        F + "42:5: warning[BC309]: acknowledges BC302 at plans.Daily, but no such warning remains: remove it");
  }

  @Test
  void theExactPlaceOfTheWarningAndListIndexesWork() {
    assertThat(headlines(withS3(acknowledge("BC301", "plans.Daily.selections.databases.resource_types[1]", "ok"))))
        .containsExactly(NO_STATE, BC305, F + "36:31: note[BC301]: " + S3 + " (acknowledged: ok)");
    assertThat(headlines(withS3(acknowledge("BC301", "plans.Daily.selections.databases.resource_types[0]", "ok"))))
        .contains(F + "36:31: warning[BC301]: " + S3);
  }

  @Test
  void namesWithDotsResolve() {
    String yaml = withS3(acknowledge("BC301", "plans.Daily.selections.databases", "versioned")).replace("Daily", "Daily.v2");
    assertThat(headlines(yaml)).contains(F + "36:31: note[BC301]: " + S3 + " (acknowledged: versioned)");
  }

  @Test
  void aPlaceThatNamesNothingIsUnused() {
    Diagnostics diagnostics = validate(withS3(acknowledge("BC301", "plans.Dialy", "typo")));
    Diagnostic unused = diagnostics.all().get(diagnostics.all().size() - 1);
    assertThat(unused.headline("backup-catalogue.yaml"))
        .isEqualTo(F + "42:5: warning[BC309]: acknowledges BC301 at plans.Dialy, but no such warning remains: remove it");
    assertThat(unused.hint()).isEqualTo("'plans.Dialy' names nothing in the catalogue; write a dotted path of its names, "
        + "e.g. plans.Daily or plans.Daily.selections.s3-buckets");
  }

  @Test
  void errorsCannotBeAcknowledged() {
    Diagnostics diagnostics = validate(withS3(acknowledge("BC104", "plans.Daily", "please")));
    assertThat(diagnostics.errors()).hasSize(1);
    Diagnostic error = diagnostics.errors().get(0);
    assertThat(error.headline("backup-catalogue.yaml"))
        .isEqualTo(F + "42:11: error[BC018]: BC104 is an error, and errors cannot be acknowledged");
    assertThat(error.hint()).isEqualTo("fix what the error says; only warnings (BC3xx) can be acknowledged");
    assertThat(diagnostics.warnings()).extracting(Diagnostic::code).containsExactly("BC375", "BC305", "BC301");
  }

  @Test
  void entriesAreChecked() {
    assertThat(headlines(withS3(acknowledge("bc-301", "plans.Daily", "x"))))
        .contains(F + "42:11: error[BC018]: 'bc-301' is not a diagnostic code");
    assertThat(headlines(withS3(acknowledge("BC309", "plans.Daily", "x"))))
        .contains(F + "42:11: error[BC018]: BC309 (an unused acknowledgement) cannot be acknowledged");
    assertThat(headlines(withS3(acknowledge("BC301", "plans.Daily", "\"  \""))))
        .contains(F + "44:13: error[BC018]: the acknowledgement of BC301 has no reason");
    assertThat(headlines(withS3(acknowledge("BC301", "\"\"", "x"))))
        .contains(F + "43:9: error[BC018]: the acknowledgement has no place");
    assertThat(headlines(withS3("acknowledge:\n  - {code: BC301, at: plans.Daily}\n")))
        .anyMatch(h -> h.startsWith(F + "42:5: error[BC012]"));
  }

  @Test
  void notesInMachineFormats() {
    Diagnostics diagnostics = validate(withS3(acknowledge("BC301", "plans.Daily", "versioned")));
    assertThat(DiagnosticFormats.github(diagnostics)).contains("::notice file=backup-catalogue.yaml,line=36,col=31,title=BC301::");
    assertThat(DiagnosticFormats.sarif(diagnostics)).contains("\"level\" : \"note\"");
  }

  @Test
  void theOrganizationSampleAcknowledgesItsS3Warning() throws Exception {
    Diagnostics diagnostics = BackupCatalogue.validate(io.github.backupcatalogue.TestFiles.sample("organization"), "backup-catalogue.yaml");
    assertThat(diagnostics.notes()).extracting(Diagnostic::code).containsExactly("BC301");
    assertThat(diagnostics.notes().get(0).message()).startsWith(S3 + " (acknowledged: Every bucket in the workloads OU");
    assertThat(diagnostics.all()).extracting(Diagnostic::code).doesNotContain("BC309");
  }

  @Test
  void aNewRegionCanBeAcknowledged() throws Exception {
    String yaml = organizationWith("ou: workloads, regions: [eu-west-1]}", "ou: workloads, regions: [eu-west-1, eu-west-4]}")
        + acknowledge("BC310", "organization.accounts.app.regions", "eu-west-4 opened last week");
    assertThat(headlines(yaml)).containsExactly(NO_STATE,
        F + "14:67: note[BC310]: region eu-west-4 is not one this version of backup-catalogue knows "
            + "(acknowledged: eu-west-4 opened last week)",
        BC305);
  }
}
