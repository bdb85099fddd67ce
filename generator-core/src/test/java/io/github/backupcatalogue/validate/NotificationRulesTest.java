package io.github.backupcatalogue.validate;

import static io.github.backupcatalogue.Catalogues.headlines;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.backupcatalogue.Catalogues;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Vault notifications and their topics: each rule's exact message at its exact line and column. */
class NotificationRulesTest {

  private static final String F = "backup-catalogue.yaml:";

  /** The organization catalogue whose member vault publishes to a topic with one email subscription. */
  static final String WITH_ALERTS = Catalogues.organizationWith(
      "    lock: {mode: governance, min_retention_days: 7, max_retention_days: 400}\n",
      "    lock: {mode: governance, min_retention_days: 7, max_retention_days: 400}\n"
          + "    notifications: {topic: alerts, events: [BACKUP_JOB_COMPLETED, COPY_JOB_FAILED]}\n") + """
      notifications:
        topics:
          alerts:
            subscriptions:
              - {protocol: email, endpoint: backup-team@example.com, only_failures: true}
      """;

  static String with(String from, String to) {
    if (!WITH_ALERTS.contains(from)) {
      throw new IllegalArgumentException("not in the catalogue: " + from);
    }
    return WITH_ALERTS.replace(from, to);
  }

  @Test
  void theCatalogueWithAlertsAddsNoDiagnostic() {
    // the base catalogue's warnings, BC305 one line further down
    assertThat(headlines(WITH_ALERTS)).isEqualTo(headlines(Catalogues.ORGANIZATION).stream()
        .map(h -> h.replace(F + "32:20:", F + "33:20:")).toList());
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        Arguments.of("the topic resolves", "topic: alerts,", "topic: alert,",
            F + "20:28: error[BC150]: unknown notification topic 'alert'; did you mean 'alerts'?"),
        Arguments.of("events are AWS Backup vault events", "COPY_JOB_FAILED]", "COPY_JOB_FAIL]",
            F + "20:67: error[BC500]: 'COPY_JOB_FAIL' is not an AWS Backup vault event; did you mean 'COPY_JOB_FAILED'?"),
        Arguments.of("an event is listed once", "COPY_JOB_FAILED]", "BACKUP_JOB_COMPLETED]",
            F + "20:67: error[BC500]: vault event BACKUP_JOB_COMPLETED is listed twice"),
        Arguments.of("deprecated events are never sent", "COPY_JOB_FAILED]", "BACKUP_JOB_FAILED]",
            F + "20:67: error[BC501]: vault event BACKUP_JOB_FAILED is deprecated: AWS Backup accepts it but never sends it"),
        Arguments.of("the events are not empty", "events: [BACKUP_JOB_COMPLETED, COPY_JOB_FAILED]", "events: []",
            F + "20:5: error[BC502]: notifications of vault 'Local' list no events"),
        Arguments.of("a topic name is an SNS topic name", "    alerts:\n", "    alerts!:\n",
            F + "44:5: error[BC503]: topic name 'alerts!' is not a valid SNS topic name"),
        Arguments.of("an email endpoint is an address", "endpoint: backup-team@example.com", "endpoint: backup-team",
            F + "46:39: error[BC503]: 'backup-team' is not an email address"),
        Arguments.of("an https endpoint is an https URL", "{protocol: email, endpoint: backup-team@example.com",
            "{protocol: https, endpoint: http://hooks.example.com/backup",
            F + "46:39: error[BC503]: 'http://hooks.example.com/backup' is not an https:// URL"),
        Arguments.of("an sqs endpoint is a queue ARN", "{protocol: email, endpoint: backup-team@example.com",
            "{protocol: sqs, endpoint: https://sqs.eu-west-1.amazonaws.com/123456789101/backup-events",
            F + "46:37: error[BC503]: 'https://sqs.eu-west-1.amazonaws.com/123456789101/backup-events' is not an SQS queue ARN"),
        Arguments.of("an sqs queue is in an account of the catalogue", "{protocol: email, endpoint: backup-team@example.com",
            "{protocol: sqs, endpoint: \"arn:aws:sqs:eu-west-1:999988887777:backup-events\"",
            F + "46:37: error[BC555]: SQS queue 'arn:aws:sqs:eu-west-1:999988887777:backup-events' is in account 999988887777, "
                + "which is not in the catalogue: a queue of another account must be subscribed by its own account (subscribed "
                + "by the topic's account, it waits for the queue owner's confirmation and Terraform re-creates it at every "
                + "apply)"),
        Arguments.of("the vault names a topic", "topic: alerts, ", "",
            F + "20:5: error[BC504]: notifications of vault 'Local' name no topic"),
        Arguments.of("copy jobs into a central vault notify the source account", "    location: central_account\n",
            "    location: central_account\n    notifications: {topic: alerts, events: [COPY_JOB_FAILED]}\n",
            F + "23:45: warning[BC351]: vault 'Central' receives copies from other accounts, but their copy jobs run in those"
                + " accounts, and AWS Backup notifies only the vault's own account: COPY_JOB_FAILED of those copies is sent to the"
                + " source vault's notifications"),
        Arguments.of("a topic no vault uses is a warning", "topic: alerts,", "topic: other,",
            F + "44:5: warning[BC360]: no vault publishes to topic 'alerts', so it is not created"),
        Arguments.of("a topic without subscriptions is a warning",
            "      subscriptions:\n        - {protocol: email, endpoint: backup-team@example.com, only_failures: true}\n",
            "      tags: {owner: platform}\n",
            F + "44:5: warning[BC361]: topic 'alerts' has no subscriptions: its events reach nobody"));
  }

  @Test
  void aQueueOfAnyAccountOfTheCatalogueIsAccepted() {
    for (String account : new String[] {"123456789101", "345678901234", "210987654321"}) {
      assertThat(headlines(with("{protocol: email, endpoint: backup-team@example.com",
          "{protocol: sqs, endpoint: \"arn:aws:sqs:eu-west-1:" + account + ":backup-events\"")))
          .as(account).isEqualTo(headlines(WITH_ALERTS));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachRuleReportsItsExactMessageAndPosition(String rule, String from, String to, String expected) {
    assertThat(headlines(with(from, to))).contains(expected);
  }

  @Test
  void indexAndContinuousBackupEventsAreVaultEvents() {
    String yaml = with("COPY_JOB_FAILED]",
        "COPY_JOB_FAILED, RECOVERY_POINT_INDEXING_FAILED, CONTINUOUS_BACKUP_INTERRUPTED, RECOVERY_POINT_INDEX_COMPLETED]");
    assertThat(headlines(yaml)).isEqualTo(headlines(WITH_ALERTS));
    assertThat(headlines(with("COPY_JOB_FAILED]", "RECOVERY_POINT_INDEXING_FAILD]")))
        .anySatisfy(h -> assertThat(h).contains("error[BC500]: 'RECOVERY_POINT_INDEXING_FAILD' is not an AWS Backup vault event;"
            + " did you mean 'RECOVERY_POINT_INDEXING_FAILED'?"));
  }

  @Test
  void anUnknownProtocolIsReportedByTheLoader() {
    assertThat(headlines(with("protocol: email", "protocol: sms"))).anySatisfy(h -> assertThat(h).startsWith(F + "46:"));
  }
}
