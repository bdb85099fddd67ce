package io.github.backupcatalogue.validate;

import static io.github.backupcatalogue.Catalogues.headlines;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.backupcatalogue.Catalogues;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** notifications.organization_events: each rule's exact message at its exact line and column. */
class OrganizationEventsRulesTest {

  private static final String F = "backup-catalogue.yaml:";

  /** The organization catalogue (delegated administrator backup-admin) with organization-wide job alerts. */
  static final String WITH_EVENTS = Catalogues.ORGANIZATION + """
      notifications:
        topics:
          alerts:
            subscriptions:
              - {protocol: email, endpoint: backup-team@example.com}
        organization_events:
          topic: alerts
          job_types: [backup, copy, restore]
          states: [FAILED, ABORTED, EXPIRED]
      """;

  static String with(String from, String to) {
    if (!WITH_EVENTS.contains(from)) {
      throw new IllegalArgumentException("not in the catalogue: " + from);
    }
    return WITH_EVENTS.replace(from, to);
  }

  @Test
  void theCatalogueWithEventsAddsNoDiagnostic() {
    // the topic no vault publishes to is used by organization_events: no BC360; a mistyped topic leaves it unused (BC360
    // beside BC161)
    assertThat(headlines(WITH_EVENTS)).containsExactlyElementsOf(headlines(Catalogues.ORGANIZATION));
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        Arguments.of("the topic resolves", "    topic: alerts\n", "    topic: alert\n",
            F + "47:12: error[BC161]: unknown notification topic 'alert'; did you mean 'alerts'?"),
        Arguments.of("a topic is named", "    topic: alerts\n", "",
            F + "46:3: error[BC554]: organization_events names no topic"),
        Arguments.of("the receiving account resolves", "    topic: alerts\n", "    topic: alerts\n    account: backup-admn\n",
            F + "48:14: error[BC162]: unknown account 'backup-admn'; did you mean 'backup-admin'?"),
        Arguments.of("the central backup account cannot receive", "    topic: alerts\n",
            "    topic: alerts\n    account: central\n",
            F + "48:14: error[BC553]: the central backup account 'central' cannot receive organization_events: its module is "
                + "applied after the accounts copying into it (its key policies name their backup roles), while their "
                + "forwarding rules need its event bus first"),
        Arguments.of("job types are AWS Backup's", "[backup, copy, restore]", "[backup, copies, restore]",
            F + "48:25: error[BC551]: 'copies' is not a job type of AWS Backup's events"),
        Arguments.of("a job type is listed once", "[backup, copy, restore]", "[backup, copy, backup]",
            F + "48:31: error[BC551]: job type backup is listed twice"),
        Arguments.of("job types are not empty", "[backup, copy, restore]", "[]",
            F + "48:16: error[BC551]: organization_events lists no job types"),
        Arguments.of("states are AWS Backup's", "[FAILED, ABORTED, EXPIRED]", "[FAILED, ABORTED, EXPIRD]",
            F + "49:31: error[BC552]: 'EXPIRD' is not a state of AWS Backup's jobs; did you mean 'EXPIRED'?"),
        Arguments.of("a state is listed once", "[FAILED, ABORTED, EXPIRED]", "[FAILED, ABORTED, FAILED]",
            F + "49:31: error[BC552]: job state FAILED is listed twice"),
        Arguments.of("states are not empty", "[FAILED, ABORTED, EXPIRED]", "[]",
            F + "49:13: error[BC552]: organization_events lists no job states"),
        Arguments.of("a state some listed job type has", "job_types: [backup, copy, restore]", "job_types: [copy, restore]",
            F + "49:31: error[BC552]: no listed job type has state EXPIRED: only backup jobs do"),
        Arguments.of("the lowercase spelling is not AWS's", "[FAILED, ABORTED, EXPIRED]", "[failed]",
            F + "49:14: error[BC552]: 'failed' is not a state of AWS Backup's jobs; did you mean 'FAILED'?"),
        Arguments.of("a job type without any listed state is a warning", "[FAILED, ABORTED, EXPIRED]", "[EXPIRED]",
            F + "48:25: warning[BC371]: copy jobs have none of the listed states, so none of their events is forwarded"),
        Arguments.of("without a delegated administrator the management account receives, with a warning",
            "  delegated_administrators: [backup-admin]\n", "",
            F + "45:3: warning[BC370]: organization_events go to the management account 'management': there is no "
                + "delegated administrator"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachRuleReportsItsExactMessageAndPosition(String rule, String from, String to, String expected) {
    assertThat(headlines(with(from, to))).contains(expected);
  }

  @Test
  void aSingleAccountCatalogueHasNoOtherAccountsToCollectFrom() {
    String single = Catalogues.SINGLE_ACCOUNT + """
            selections:
              databases: {resource_types: [RDS]}
        notifications:
          topics:
            alerts: {}
          organization_events: {topic: alerts}
        """;
    assertThat(headlines(single)).contains(F + "18:3: error[BC550]: organization_events needs an organization: a single "
        + "account has no other accounts to collect job events from");
  }
}
