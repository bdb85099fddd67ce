package io.github.backupcatalogue.validate;

import static io.github.backupcatalogue.Catalogues.headlines;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.backupcatalogue.Catalogues;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Restore testing plans: each rule's exact message at its exact line and column. */
class RestoreTestingRulesTest {

  private static final String F = "backup-catalogue.yaml:";

  /** The organization catalogue with a weekly restore test of the member vault's RDS recovery points. */
  static final String WITH_TESTS = Catalogues.ORGANIZATION + """
      restore_testing:
        Weekly:
          schedule: cron(0 5 ? * SUN *)
          recovery_points: {vaults: [Local], selection_window_days: 7}
          selections:
            databases:
              resource_type: RDS
              tag_equals: {environment: production}
              validation_window_hours: 4
      """;

  static String with(String from, String to) {
    if (!WITH_TESTS.contains(from)) {
      throw new IllegalArgumentException("not in the catalogue: " + from);
    }
    return WITH_TESTS.replace(from, to);
  }

  @Test
  void theCatalogueWithRestoreTestsAddsNoDiagnostic() {
    assertThat(headlines(WITH_TESTS)).isEqualTo(headlines(Catalogues.ORGANIZATION));
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        Arguments.of("tested vaults resolve", "vaults: [Local]", "vaults: [Locall]",
            F + "44:32: error[BC151]: unknown vault 'Locall'; did you mean 'Local'?"),
        Arguments.of("plan names are AWS's", "  Weekly:\n", "  Weekly-test:\n",
            F + "42:3: error[BC510]: restore testing plan name 'Weekly-test' is not valid"),
        Arguments.of("selection names are AWS's", "    databases:\n", "    data-bases:\n",
            F + "46:7: error[BC510]: restore testing selection name 'data-bases' is not valid"),
        Arguments.of("the schedule is AWS cron", "cron(0 5 ? * SUN *)", "cron(0 5 * * SUN *)",
            F + "43:15: error[BC511]: 'cron(0 5 * * SUN *)' must have '?' in exactly one of day-of-month and day-of-week"),
        Arguments.of("the schedule fires", "cron(0 5 ? * SUN *)", "cron(0 5 30 2 ? *)",
            F + "43:15: error[BC511]: schedule 'cron(0 5 30 2 ? *)' never fires: day 30 of February never exists"),
        Arguments.of("the schedule fires in the future", "cron(0 5 ? * SUN *)", "cron(0 5 ? * SUN 2020)",
            F + "43:15: error[BC511]: schedule 'cron(0 5 ? * SUN 2020)' fires only in the past"),
        Arguments.of("the time zone is real", "    schedule: cron(0 5 ? * SUN *)\n",
            "    schedule: cron(0 5 ? * SUN *)\n    timezone: Europe/Berln\n",
            F + "44:15: error[BC512]: 'Europe/Berln' is not an IANA time zone"),
        Arguments.of("selection_window_days is 1-365", "selection_window_days: 7", "selection_window_days: 400",
            F + "44:63: error[BC513]: selection_window_days is 400; AWS accepts 1 to 365"),
        Arguments.of("validation_window_hours is 1-168", "validation_window_hours: 4", "validation_window_hours: 200",
            F + "49:34: error[BC513]: validation_window_hours is 200; AWS accepts 1 to 168"),
        Arguments.of("validation_window_hours is not 0", "validation_window_hours: 4", "validation_window_hours: 0",
            F + "49:34: error[BC513]: validation_window_hours is 0; AWS accepts 1 to 168"),
        Arguments.of("resources by ARN or by tag", "        tag_equals: {environment: production}\n",
            "        tag_equals: {environment: production}\n        resources: [\"arn:aws:rds:eu-west-1:345678901234:db:orders\"]\n",
            F + "49:9: error[BC517]: selection 'databases' lists resources and tag conditions; a restore testing selection "
                + "picks its resources by ARN or by tag, not both"),
        Arguments.of("a plan names vaults", "recovery_points: {vaults: [Local], selection_window_days: 7}",
            "recovery_points: {selection_window_days: 7}",
            F + "42:3: error[BC514]: restore testing plan 'Weekly' names no vaults to test"),
        Arguments.of("the type supports restore testing", "resource_type: RDS", "resource_type: Redshift",
            F + "47:24: error[BC515]: AWS Backup's restore testing does not support Redshift"),
        Arguments.of("the type is a type", "resource_type: RDS", "resource_type: RSD",
            F + "47:24: error[BC515]: 'RSD' is not a resource type restore testing supports; did you mean 'RDS'?"),
        Arguments.of("resources are ARNs", "        tag_equals: {environment: production}\n",
            "        resources: [orders-db]\n",
            F + "48:21: error[BC516]: 'orders-db' is not a resource ARN"),
        Arguments.of("FSx needs restore metadata overrides", "resource_type: RDS", "resource_type: FSx",
            F + "47:24: warning[BC362]: AWS Backup cannot infer the complete restore metadata of FSx, and selection "
                + "'databases' gives no restore_metadata_overrides: its restore tests fail"),
        Arguments.of("tests do not overlap", "cron(0 5 ? * SUN *)", "cron(0 5,17 ? * * *)",
            F + "43:15: warning[BC363]: restore tests start every 12 hours but may start up to 24 hours late: tests overlap, "
                + "each restoring full resources"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachRuleReportsItsExactMessageAndPosition(String rule, String from, String to, String expected) {
    assertThat(headlines(with(from, to))).contains(expected);
  }
}
