package io.github.backupcatalogue.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.backupcatalogue.BackupCatalogue;
import io.github.backupcatalogue.TestFiles;
import io.github.backupcatalogue.diagnostics.SourceFile;
import java.nio.file.Files;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * Controls in a single-account catalogue: the frameworks and report plans live in the account's own
 * module (no organization, no delegated administrator), and the compliance report is written; a
 * catalogue with a violated control writes nothing.
 */
class ComplianceOutputTest {

  private static String singleAccountWithControls() throws Exception {
    return Files.readString(TestFiles.sample("single-account")) + """

        controls:
          BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK: {required_retention_days: 14}
          BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION: {scope: {resource_types: [EBS]}}
        audit_reports:
          bucket: startup-backup-reports
          templates: [BACKUP_JOB_REPORT, CONTROL_COMPLIANCE_REPORT]
        """;
  }

  @Test
  void aSingleAccountGetsItsFrameworksAndReportPlansInItsOwnModule() throws Exception {
    var result = BackupCatalogue.render(new SourceFile("backup-catalogue.yaml", singleAccountWithControls()), null, false);
    // the sample's one warning (BC306, continuous backup on types without point-in-time restore), no error
    assertThat(result.diagnostics().all()).extracting(d -> d.code()).containsExactly("BC306");
    SortedMap<String, String> files = result.files().orElseThrow();
    String tf = files.get("accounts/startup/compliance.tf");
    assertThat(tf).contains("resource \"aws_backup_framework\" \"controls_us_east_1\" {\n  provider    = aws.us_east_1\n")
        .contains("resource \"aws_backup_framework\" \"controls_us_west_2\" {")
        .contains("    input_parameter {\n      name  = \"requiredRetentionDays\"\n      value = \"14\"\n    }")
        .contains("    scope {\n      compliance_resource_types = [\"EBS\"]\n    }")
        // cross-region (two regions) reports: CSV only; the compliance report covers the account's frameworks
        .contains("    formats        = [\"CSV\"]\n")
        .contains("    report_template = \"CONTROL_COMPLIANCE_REPORT\"\n    regions         = [\"us-east-1\", \"us-west-2\"]\n"
            + "    framework_arns  = [aws_backup_framework.controls_us_east_1.arn, aws_backup_framework.controls_us_west_2.arn]\n")
        .doesNotContain("accounts        =");
    assertThat(files).containsKeys("compliance-report.md", "compliance-report.html");
    assertThat(files.get("compliance-report.md"))
        .contains("**1 account in scope; 2 controls declared: 2 checked before apply (all pass), 0 checked by AWS after apply only; "
            + "3-2-1-1 met by 0 of 1; restore-tested: 0 of 1.**")
        .contains("every day at 05:00 UTC; kept 35 days.")
        .contains("reaching the account through directly (single account)");
  }

  @Test
  void aViolatedControlWritesNothing() throws Exception {
    String text = singleAccountWithControls().replace("required_retention_days: 14", "required_retention_days: 30");
    var result = BackupCatalogue.render(new SourceFile("backup-catalogue.yaml", text), null, false);
    assertThat(result.files()).isEmpty();
    assertThat(result.diagnostics().all()).extracting(d -> d.code()).containsExactly("BC306", "BC413");
  }
}
