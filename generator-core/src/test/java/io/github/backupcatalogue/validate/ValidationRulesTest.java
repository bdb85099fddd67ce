package io.github.backupcatalogue.validate;

import static io.github.backupcatalogue.Catalogues.headlines;
import static io.github.backupcatalogue.Catalogues.organizationWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.backupcatalogue.Catalogues;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per validation rule: the exact message at the exact line and column. */
class ValidationRulesTest {

  private static final String F = "backup-catalogue.yaml:";

  @Test
  void theBaseCatalogueIsValid() {
    // Valid: it has no deployment.state (local state), and RDS copies to the central account need the RDS keys shared.
    assertThat(headlines(Catalogues.ORGANIZATION)).containsExactly(Catalogues.NO_STATE, F + "32:20: warning[BC305]: copies of RDS backups to "
        + "another account need each resource's customer-managed KMS key shared with that account; AWS managed keys "
        + "(aws/rds, aws/ebs, ...) can never be, and those copy jobs fail. No resource_keys are listed for: app (eu-west-1)");
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        Arguments.of("account id has 11 digits (the article's ids)", "\"345678901234\"", "\"34567890123\"",
            F + "14:15: error[BC101]: account id '34567890123' is not 12 digits (it has 11)"),
        Arguments.of("account ids are unique", "\"345678901234\"", "\"210987654321\"",
            F + "14:15: error[BC102]: account id 210987654321 is used by both 'central' and 'app'"),
        Arguments.of("OU reference resolves", "ou: workloads,", "ou: workload,",
            F + "14:35: error[BC104]: unknown organizational unit 'workload'; did you mean 'workloads'?"),
        Arguments.of("OU tree has no cycles", "workloads: {id: ou-a1b2-22222222}", "workloads: {id: ou-a1b2-22222222, parent: workloads}",
            F + "9:47: error[BC105]: organizational unit 'workloads' is its own ancestor (workloads -> workloads)"),
        Arguments.of("regions are real", "app: {id: \"345678901234\", ou: workloads, regions: [eu-west-1]}",
            "app: {id: \"345678901234\", ou: workloads, regions: [eu-wset-1]}",
            F + "14:56: error[BC106]: 'eu-wset-1' is not an AWS region; did you mean 'eu-west-1'?"),
        Arguments.of("a well-formed region this version does not know is a warning",
            "app: {id: \"345678901234\", ou: workloads, regions: [eu-west-1]}",
            "app: {id: \"345678901234\", ou: workloads, regions: [eu-west-1, eu-west-4]}",
            F + "14:67: warning[BC310]: region eu-west-4 is not one this version of backup-catalogue knows"),
        Arguments.of("a region whose area is a typo is an error",
            "app: {id: \"345678901234\", ou: workloads, regions: [eu-west-1]}",
            "app: {id: \"345678901234\", ou: workloads, regions: [ue-west-1]}",
            F + "14:56: error[BC106]: 'ue-west-1' is not an AWS region; did you mean 'eu-west-1'?"),
        Arguments.of("cron has 6 fields", "cron(0 3 ? * * *)", "cron(0 3 ? * *)",
            F + "28:19: error[BC201]: schedule 'cron(0 3 ? * *)' has 5 fields; AWS cron has 6"),
        Arguments.of("cron uses ? in one day field", "cron(0 3 ? * * *)", "cron(0 3 * * * *)",
            F + "28:19: error[BC201]: 'cron(0 3 * * * *)' must have '?' in exactly one of day-of-month and day-of-week"),
        Arguments.of("at most hourly", "cron(0 3 ? * * *)", "cron(0/15 * ? * * *)",
            F + "28:19: error[BC202]: schedule 'cron(0/15 * ? * * *)' runs more than once an hour; AWS Backup's shortest interval is one hour"),
        Arguments.of("rate() is not accepted", "cron(0 3 ? * * *)", "rate(1 day)",
            F + "28:19: error[BC201]: AWS Backup accepts only cron schedules, not rate()"),
        Arguments.of("time zone is real", "schedule: cron(0 3 ? * * *)", "schedule: cron(0 3 ? * * *)\n        timezone: Europe/Londn",
            F + "29:19: error[BC203]: 'Europe/Londn' is not an IANA time zone"),
        Arguments.of("start window at least 60", "schedule: cron(0 3 ? * * *)", "schedule: cron(0 3 ? * * *)\n        start_window_minutes: 30",
            F + "29:31: error[BC204]: start_window_minutes is 30; AWS requires at least 60"),
        Arguments.of("completion window longer than start", "schedule: cron(0 3 ? * * *)",
            "schedule: cron(0 3 ? * * *)\n        start_window_minutes: 120\n        completion_window_minutes: 120",
            F + "30:36: error[BC205]: completion_window_minutes (120) is not longer than start_window_minutes (120); the completion window counts from the scheduled time, so a job that starts late is cancelled"),
        Arguments.of("delete at least 90 days after cold storage", "lifecycle: {delete_after_days: 35}",
            "lifecycle: {cold_storage_after_days: 30, delete_after_days: 100}",
            F + "29:69: error[BC211]: delete_after_days (100) must be at least 90 days after cold_storage_after_days (30)"),
        Arguments.of("no cold storage with continuous backup", "lifecycle: {delete_after_days: 35}",
            "continuous_backup: true\n        lifecycle: {cold_storage_after_days: 30, delete_after_days: 35}",
            F + "30:46: error[BC212]: continuous backups cannot move to cold storage"),
        Arguments.of("continuous retention 1..35", "lifecycle: {delete_after_days: 35}",
            "continuous_backup: true\n        lifecycle: {delete_after_days: 36}",
            F + "30:40: error[BC213]: continuous backups are kept 1 to 35 days, not 36"),
        Arguments.of("rule retention inside the vault lock", "lifecycle: {delete_after_days: 35}", "lifecycle: {delete_after_days: 5}",
            F + "29:40: error[BC214]: recovery points kept 5 days go to vault 'Local', whose lock requires at least 7 days; every job would fail"),
        Arguments.of("copy retention inside the destination lock", "lifecycle: {delete_after_days: 365}", "lifecycle: {delete_after_days: 4000}",
            F + "33:44: error[BC214]: copies kept 4000 days go to vault 'Central', whose lock allows at most 3650 days; every job would fail"),
        Arguments.of("changeable_for_days at least 3", "lock: {mode: governance, min_retention_days: 30, max_retention_days: 3650}",
            "lock: {mode: compliance, min_retention_days: 30, max_retention_days: 3650, changeable_for_days: 2, acknowledge_irreversible: true}",
            F + "22:101: error[BC221]: changeable_for_days is 2; AWS requires at least 3"),
        Arguments.of("compliance lock needs an acknowledgement", "lock: {mode: governance, min_retention_days: 30, max_retention_days: 3650}",
            "lock: {mode: compliance, min_retention_days: 30, max_retention_days: 3650, changeable_for_days: 3}",
            F + "22:18: error[BC222]: a compliance lock is irreversible after changeable_for_days: nobody, not even the root user, can delete the vault or shorten retention"),
        Arguments.of("cross-account copy needs a customer-managed key", "location: central_account",
            "location: central_account\n    encryption: {key: aws_managed}",
            F + "33:20: error[BC231]: copies go to vault 'Central' in another account, but it is encrypted with the AWS managed key, whose policy cannot let other accounts in"),
        Arguments.of("cross-account copies need the setting", "cross_account_backup: true", "cross_account_backup: false",
            F + "32:20: error[BC232]: copies go to another account, but settings.cross_account_backup is off"),
        Arguments.of("delegated admin is not the management account", "delegated_administrators: [backup-admin]",
            "delegated_administrators: [management]",
            F + "6:30: error[BC109]: the management account 'management' cannot be a delegated administrator"),
        Arguments.of("at most 5 delegated admins", "delegated_administrators: [backup-admin]",
            "delegated_administrators: [backup-admin, central, app, backup-admin, central, app]",
            F + "6:29: error[BC109]: 6 delegated administrators; AWS Backup allows at most 5"),
        Arguments.of("vault names match AWS's pattern", "  Local:\n", "  Local!:\n",
            F + "18:3: error[BC107]: vault name 'Local!' is not valid"),
        Arguments.of("rule names match AWS's pattern", "Nightly:", "Night ly:",
            F + "27:7: error[BC107]: rule name 'Night ly' is not valid"),
        Arguments.of("selection names match AWS's pattern", "databases:", "data bases:",
            F + "35:7: error[BC107]: selection name 'data bases' is not valid"),
        Arguments.of("plan references resolve", "plans: [Daily]", "plans: [Dialy]",
            F + "39:13: error[BC104]: unknown plan 'Dialy'; did you mean 'Daily'?"),
        Arguments.of("account names cannot escape the output directory", "app: {id:", "../app: {id:",
            F + "14:5: error[BC107]: account name '../app' cannot name a module directory"),
        Arguments.of("resource types are known", "resource_types: [RDS]", "resource_types: [RSD]",
            F + "36:26: error[BC243]: 'RSD' is not a resource type this catalogue knows; did you mean 'RDS'?"),
        Arguments.of("S3 selection warns about versioning", "resource_types: [RDS]", "resource_types: [S3]",
            F + "36:26: warning[BC301]: S3 is selected: AWS Backup backs up only buckets with versioning enabled"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachRuleReportsItsExactMessageAndPosition(String rule, String from, String to, String expected) {
    assertThat(headlines(organizationWith(from, to))).contains(expected);
  }

  @Test
  void classificationValuesMapToExistingPlans() {
    String yaml = Catalogues.ORGANIZATION + """
        data_classification:
          tag_key: data-classification
          values:
            critical: [Daily, Weekly]
        """;
    assertThat(headlines(yaml)).containsExactly(
        F + "44:23: error[BC104]: unknown plan 'Weekly'");
  }

  @Test
  void aPolicyOverTenThousandCharactersIsAnError() {
    StringBuilder rules = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      rules.append("      Rule").append(i).append(":\n        schedule: cron(").append(i).append(" 3 ? * * *)\n")
          .append("        lifecycle: {delete_after_days: 35}\n        vault: Local\n");
    }
    String yaml = organizationWith("""
              Nightly:
                schedule: cron(0 3 ? * * *)
                lifecycle: {delete_after_days: 35}
                vault: Local
                copy_to:
                  - vault: Central
                    lifecycle: {delete_after_days: 365}
        """, rules.toString());
    assertThat(headlines(yaml)).filteredOn(h -> !h.equals(Catalogues.NO_STATE)).singleElement().asString()
        .matches(F + "\\d+:3: error\\[BC251\\]: policy 'baseline' is \\d{5} characters as sent to AWS; the limit is 10000");
  }

  @Test
  void allProblemsAreReportedInOneRun() {
    String yaml = organizationWith("\"345678901234\"", "\"34567890123\"").replace("plans: [Daily]", "plans: [Dialy]")
        .replace("cron(0 3 ? * * *)", "cron(0 3 * * * *)");
    assertThat(headlines(yaml)).filteredOn(h -> h.contains(": error[")).extracting(h -> h.replaceAll(".*error\\[(BC\\d+)\\].*", "$1"))
        .containsExactly("BC101", "BC201", "BC104");
  }

  @Test
  void aCentralKeyPolicyOverTheKmsLimitIsAnError() {
    StringBuilder accounts = new StringBuilder("    app: {id: \"345678901234\", ou: workloads, regions: [eu-west-1]}\n");
    for (int i = 0; i < 300; i++) {
      accounts.append(String.format(java.util.Locale.ROOT, "    app%d: {id: \"4%011d\", ou: workloads, regions: [eu-west-1]}%n", i, i));
    }
    String yaml = organizationWith("    app: {id: \"345678901234\", ou: workloads, regions: [eu-west-1]}\n", accounts.toString());
    assertThat(headlines(yaml).stream().filter(h -> h.contains("error["))).singleElement().asString().matches(F
        + "320:3: error\\[BC253\\]: the key policy of vault 'Central' in central \\(eu-west-1\\) is \\d{5} bytes; AWS KMS allows 32768");
  }
}
