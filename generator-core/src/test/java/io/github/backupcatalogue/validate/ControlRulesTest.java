package io.github.backupcatalogue.validate;

import static io.github.backupcatalogue.Catalogues.headlines;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.backupcatalogue.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The declared controls: the regulated-org sample meets every one; each case breaks one control
 * (or one declaration) with one edit and asserts the exact diagnostic.
 */
class ControlRulesTest {

  private static final String F = "backup-catalogue.yaml:";

  static String sample() throws IOException {
    return Files.readString(TestFiles.sample("regulated-org"));
  }

  static String sampleWith(String from, String to) throws IOException {
    String text = sample();
    if (!text.contains(from)) {
      throw new IllegalArgumentException("not in the sample: " + from);
    }
    return text.replace(from, to);
  }

  @Test
  void theRegulatedOrganizationMeetsEveryControl() throws IOException {
    assertThat(headlines(sample())).isEmpty();
  }

  /**
   * Controls are judged against the effective plans (the engine's merge of every policy on the
   * account's path), not the plans as written: with a 60-day minimum retention, a layered policy that keeps the workloads' nightly
   * backups 90 days makes a 60-day minimum retention pass; without it, the same control fails.
   */
  @Test
  void controlsAreJudgedAgainstTheEffectivePlansOfLayeredPolicies() throws IOException {
    String layered = sample()
        .replace("    attach_to: {accounts: [reporting-dev]}\n",
            "    attach_to: {organizational_units: [workloads]}\n    child_policies: [override]\n")
        .replace("  BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK:\n    required_retention_days: 35",
            "  BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK:\n    required_retention_days: 60");
    String longer = layered.replace("\ncontrols:\n", """

          longer-retention:
            description: The workloads' nightly backups kept 90 days in these accounts.
            attach_to: {accounts: [reporting-dev, payments-prod, ledger-prod]}
            extends:
              policy: workloads
              plans:
                Workloads_Daily:
                  rules:
                    Nightly:
                      lifecycle: {delete_after_days: 90}

        controls:
        """);
    assertThat(layered).isNotEqualTo(sample());
    // (the production accounts, nested in the workloads OU, now get Workloads_Daily too, which
    // copies nowhere: the cross-region and cross-account controls fail there either way)
    assertThat(headlines(longer)).noneMatch(line -> line.contains("BC413")).isNotEmpty();
    assertThat(headlines(layered))
        .filteredOn(line -> line.contains("error[BC413]"))
        .extracting(line -> line.replaceAll("^.*error\\[BC413\\]: ([a-z-]+):.*effective plan (\\w+) keeps them (\\d+) days.*", "$1 $2 $3"))
        .containsExactly("ledger-prod Workloads_Daily 35", "payments-prod Workloads_Daily 35", "reporting-dev Workloads_Daily 35");
  }

  static Stream<Arguments> violations() {
    return Stream.of(
        Arguments.of("BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN: a type no plan of an account selects",
            "scope: {resource_types: [DynamoDB, EFS]}",
            "scope: {resource_types: [DynamoDB, EFS, EBS]}",
            List.of(
                F + "97:3: error[BC410]: ledger-prod: BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN requires every EBS resource in a backup plan; no effective plan selects EBS (Production_Daily, plans.Production_Daily, line 59)",
                F + "97:3: error[BC410]: payments-prod: BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN requires every EBS resource in a backup plan; no effective plan selects EBS (Production_Daily, plans.Production_Daily, line 59)",
                F + "97:3: error[BC410]: reporting-dev: BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN requires every EBS resource in a backup plan; no effective plan selects EBS (Workloads_Daily, plans.Workloads_Daily, line 75)")),
        Arguments.of("BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK: a weekly plan",
            "schedule: cron(30 1 ? * * *)",
            "schedule: cron(30 1 ? * SUN *)",
            List.of(
                F + "99:3: error[BC411]: reporting-dev: BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK requires a rule that backs up daily and keeps backups at least 35 days; effective plan Workloads_Daily has none: rule Nightly backs up weekly and keeps backups 35 days (plans.Workloads_Daily, line 75)")),
        Arguments.of("BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED: a vault that allows deleting recovery points",
            "  MemberVault:\n",
            "  MemberVault:\n    access_policy: {deny_recovery_point_deletion: false}\n",
            List.of(
                F + "104:3: error[BC412]: ledger-prod: BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED requires vaults that deny deleting recovery points by hand; vault MemberVault allows it (vaults.MemberVault.access_policy.deny_recovery_point_deletion, line 45)",
                F + "104:3: error[BC412]: payments-prod: BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED requires vaults that deny deleting recovery points by hand; vault MemberVault allows it (vaults.MemberVault.access_policy.deny_recovery_point_deletion, line 45)",
                F + "104:3: error[BC412]: reporting-dev: BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED requires vaults that deny deleting recovery points by hand; vault MemberVault allows it (vaults.MemberVault.access_policy.deny_recovery_point_deletion, line 45)")),
        Arguments.of("BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK: a copy kept too briefly",
            "lifecycle: {delete_after_days: 90}",
            "lifecycle: {delete_after_days: 14}",
            List.of(
                F + "105:3: error[BC413]: ledger-prod: BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK requires recovery points kept at least 35 days; the copy to DrVault of rule Daily of effective plan Production_Daily keeps them 14 days (plans.Production_Daily.rules.Daily.copy_to.0.lifecycle.delete_after_days, line 69)",
                F + "105:3: error[BC413]: payments-prod: BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK requires recovery points kept at least 35 days; the copy to DrVault of rule Daily of effective plan Production_Daily keeps them 14 days (plans.Production_Daily.rules.Daily.copy_to.0.lifecycle.delete_after_days, line 69)")),
        Arguments.of("BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION: no copy to a listed region",
            "cross_region_list: [eu-central-1]",
            "cross_region_list: [eu-west-2]",
            List.of(
                F + "107:3: error[BC414]: ledger-prod: BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION requires a copy to one of eu-west-2 of the backups made in eu-west-1; effective plan Production_Daily copies them only to DrVault in eu-central-1, CentralVault in eu-west-1 (plans.Production_Daily, line 59)",
                F + "107:3: error[BC414]: payments-prod: BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION requires a copy to one of eu-west-2 of the backups made in eu-west-1; effective plan Production_Daily copies them only to DrVault in eu-central-1, CentralVault in eu-west-1 (plans.Production_Daily, line 59)")),
        Arguments.of("BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT: no copy to a listed account",
            "cross_account_list: [\"333333333333\"]",
            "cross_account_list: [\"999999999999\"]",
            List.of(
                F + "110:3: error[BC415]: ledger-prod: BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT requires a copy to one of the accounts 999999999999; effective plan Production_Daily copies to central-backup (333333333333) (plans.Production_Daily, line 59)",
                F + "110:3: error[BC415]: payments-prod: BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT requires a copy to one of the accounts 999999999999; effective plan Production_Daily copies to central-backup (333333333333) (plans.Production_Daily, line 59)")),
        Arguments.of("BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK: a lock longer than allowed",
            "    max_retention_days: 3650\n  BACKUP_LAST",
            "    max_retention_days: 1000\n  BACKUP_LAST",
            List.of(
                F + "113:3: error[BC416]: ledger-prod: BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK requires backups in a locked vault, lock minimum retention at least 7 days, lock maximum retention at most 1000 days; rule Daily of effective plan Production_Daily backs up to vault MemberVault, which has a lock with maximum retention 3650 days (vaults.MemberVault, line 44)",
                F + "113:3: error[BC416]: payments-prod: BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK requires backups in a locked vault, lock minimum retention at least 7 days, lock maximum retention at most 1000 days; rule Daily of effective plan Production_Daily backs up to vault MemberVault, which has a lock with maximum retention 3650 days (vaults.MemberVault, line 44)",
                F + "113:3: error[BC416]: reporting-dev: BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK requires backups in a locked vault, lock minimum retention at least 7 days, lock maximum retention at most 1000 days; rule Nightly of effective plan Workloads_Daily backs up to vault MemberVault, which has a lock with maximum retention 3650 days (vaults.MemberVault, line 44)")),
        Arguments.of("an unknown control",
            "BACKUP_RECOVERY_POINT_ENCRYPTED: {}",
            "BACKUP_RECOVERY_POINTS_ENCRYPTED: {}",
            List.of(
                F + "104:3: error[BC140]: unknown AWS Backup Audit Manager control 'BACKUP_RECOVERY_POINTS_ENCRYPTED'; did you mean 'BACKUP_RECOVERY_POINT_ENCRYPTED'?")),
        Arguments.of("a parameter the control does not take",
            "BACKUP_RECOVERY_POINT_ENCRYPTED: {}",
            "BACKUP_RECOVERY_POINT_ENCRYPTED: {required_retention_days: 35}",
            List.of(
                F + "104:37: error[BC400]: BACKUP_RECOVERY_POINT_ENCRYPTED takes no parameter required_retention_days")),
        Arguments.of("a scope naming an unknown OU",
            "scope: {organizational_units: [production]}\n    cross_region_list",
            "scope: {organizational_units: [prod]}\n    cross_region_list",
            List.of(
                F + "108:36: error[BC141]: control scope names unknown organizational unit 'prod'")),
        Arguments.of("a control the catalogue cannot meet",
            "BACKUP_RECOVERY_POINT_ENCRYPTED: {}",
            "BACKUP_RECOVERY_POINT_ENCRYPTED: {}\n  RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT: {}",
            List.of(
                F + "105:3: warning[BC350]: RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT requires recovery points in a logically air-gapped vault, and the catalogue has none: AWS will find every resource in its scope non-compliant")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("violations")
  void eachBrokenControlGivesItsDiagnostic(String name, String from, String to, List<String> expected) throws IOException {
    assertThat(headlines(sampleWith(from, to))).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> declarations() {
    return Stream.of(
        Arguments.of("a unit AWS does not take", "required_frequency_unit: hours", "required_frequency_unit: weeks",
            List.of(F + "100:30: error[BC408]: required_frequency_unit is 'weeks'; AWS takes hours or days")),
        Arguments.of("a frequency of zero", "required_frequency_value: 24", "required_frequency_value: 0",
            List.of(F + "101:31: error[BC409]: required_frequency_value is 0; it must be at least 1")),
        Arguments.of("an unknown account and resource type in a scope", "BACKUP_RECOVERY_POINT_ENCRYPTED: {}",
            "BACKUP_RECOVERY_POINT_ENCRYPTED: {scope: {accounts: [nobody], resource_types: [Foo]}}",
            List.of(F + "104:56: error[BC141]: control scope names unknown account 'nobody'",
                F + "104:82: error[BC142]: unknown resource type 'Foo'; did you mean 'FSx'?")),
        Arguments.of("a principal that is not a role ARN", "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED: {}",
            "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED: {principal_arn_list: [BreakGlass]}",
            List.of(F + "103:73: error[BC401]: 'BreakGlass' is not an IAM role ARN")),
        Arguments.of("an account id that is not 12 digits", "cross_account_list: [\"333333333333\"]", "cross_account_list: [\"33\"]",
            List.of(F + "112:26: error[BC402]: '33' in cross_account_list is not a 12-digit account id")),
        Arguments.of("a misspelt region", "cross_region_list: [eu-central-1]", "cross_region_list: [eu-centrl-1]",
            List.of(F + "109:25: error[BC403]: 'eu-centrl-1' in cross_region_list is not an AWS region; did you mean 'eu-central-1'?")),
        Arguments.of("a lock minimum above its maximum", "    min_retention_days: 7\n    max_retention_days: 3650\n  BACKUP_LAST",
            "    min_retention_days: 7000\n    max_retention_days: 3650\n  BACKUP_LAST",
            List.of(F + "114:25: error[BC404]: min_retention_days 7000 is more than max_retention_days 3650")),
        Arguments.of("an unknown report template", "audit_reports:\n  bucket: example-regulated-backup-reports",
            "audit_reports:\n  templates: [BACKUP_JOBS_REPORT]\n  bucket: example-regulated-backup-reports",
            List.of(F + "124:15: error[BC406]: unknown report template 'BACKUP_JOBS_REPORT'; did you mean 'BACKUP_JOB_REPORT'?")),
        Arguments.of("a bucket name S3 refuses", "bucket: example-regulated-backup-reports", "bucket: Bad_Bucket",
            List.of(F + "124:11: error[BC420]: 'Bad_Bucket' is not an S3 bucket name")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("declarations")
  void eachBrokenDeclarationGivesItsDiagnostic(String name, String from, String to, List<String> expected) throws IOException {
    assertThat(headlines(sampleWith(from, to))).containsExactlyElementsOf(expected);
  }

  @Test
  void aComplianceReportNeedsControls() throws IOException {
    String text = sample();
    String withoutControls = text.substring(0, text.indexOf("controls:\n")) + text.substring(text.indexOf("audit_reports:"));
    assertThat(headlines(withoutControls)).containsExactly(
        F + "97:3: error[BC407]: report template CONTROL_COMPLIANCE_REPORT reports on controls, but the catalogue declares none");
  }
}
