package io.github.backupcatalogue.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.backupcatalogue.Catalogues;
import org.junit.jupiter.api.Test;

/** notifications.organization_events: what it adds in every account, and in the receiving one. */
class OrganizationEventsWiringTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUS = "arn:aws:events:eu-west-1:123456789101:event-bus/backup-catalogue-job-events";

  private static final String EVENTS = Catalogues.ORGANIZATION + """
      notifications:
        topics:
          alerts:
            subscriptions:
              - {protocol: email, endpoint: backup-team@example.com, only_failures: true}
        organization_events: {topic: alerts}
      """;

  private static Model.Output plan(String yaml) {
    return Planner.plan(Catalogues.load(yaml).catalogue().orElseThrow(), "backup-catalogue.yaml");
  }

  private static Model.Module module(Model.Output output, String path) {
    return output.modules().stream().filter(m -> m.path().equals(path)).findFirst().orElseThrow();
  }

  @Test
  void everyAccountWithJobsForwardsToTheDelegatedAdministratorsBusInTheSameRegion() throws Exception {
    var output = plan(EVENTS);
    for (String path : new String[] {"accounts/app", "accounts/central"}) {
      var events = module(output, path).jobEvents();
      assertThat(events.receiver()).isEqualTo("backup-admin");
      assertThat(events.forwards()).extracting(Model.EventRule::region, Model.EventRule::targetArn)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("eu-west-1", BUS));
      assertThat(events.forwardingRole().name()).isEqualTo("BackupCatalogueJobEventForwarding");
      JsonNode put = JSON.readTree(events.forwardingRole().inlinePolicies().get(0).policy()).get("Statement").get(0);
      assertThat(put.get("Action").asText()).isEqualTo("events:PutEvents");
      assertThat(put.get("Resource").asText()).isEqualTo(BUS);
    }
    JsonNode trust = JSON.readTree(module(output, "accounts/app").jobEvents().forwardingRole().trustPolicy().text())
        .get("Statement").get(0);
    assertThat(trust.get("Principal").get("Service").asText()).isEqualTo("events.amazonaws.com");
    assertThat(trust.get("Condition").get("StringEquals").get("aws:SourceAccount").asText()).isEqualTo("345678901234");
  }

  @Test
  void theReceivingAccountGetsABusWhosePolicyNamesEachAccountAndItsForwardingRoleOnly() throws Exception {
    var receiver = module(plan(EVENTS), "accounts/backup-admin");
    assertThat(receiver.role()).as("no backup role: the account has no plans").isNull();
    var bus = receiver.jobEvents().buses().get(0);
    assertThat(bus.arn()).isEqualTo(BUS);
    assertThat(bus.senders()).containsOnlyKeys("app", "central");
    JsonNode statement = JSON.readTree(bus.policy().text()).get("Statement").get(0);
    assertThat(statement.get("Principal").get("AWS").toString())
        .isEqualTo("[\"arn:aws:iam::210987654321:root\",\"arn:aws:iam::345678901234:root\"]");
    assertThat(statement.get("Action").asText()).isEqualTo("events:PutEvents");
    assertThat(statement.get("Condition").get("ArnEquals").get("aws:PrincipalArn").toString()).isEqualTo(
        "[\"arn:aws:iam::210987654321:role/BackupCatalogueJobEventForwarding\","
            + "\"arn:aws:iam::345678901234:role/BackupCatalogueJobEventForwarding\"]");
    assertThat(bus.alerts().targetResource()).isEqualTo("aws_sns_topic.alerts_eu_west_1");
  }

  @Test
  void theTopicPolicyAndItsKeyLetExactlyTheBusRulePublish() throws Exception {
    var topic = module(plan(EVENTS), "accounts/backup-admin").topics().get(0);
    String rule = "arn:aws:events:eu-west-1:123456789101:rule/backup-catalogue-job-events/backup-catalogue-job-alerts";
    assertThat(topic.eventRules()).containsExactly(rule);
    JsonNode policy = JSON.readTree(topic.policy().text()).get("Statement");
    assertThat(policy).hasSize(1);
    assertThat(policy.get(0).get("Principal").get("Service").asText()).isEqualTo("events.amazonaws.com");
    assertThat(policy.get(0).get("Condition").get("ArnEquals").get("aws:SourceArn").toString()).isEqualTo("[\"" + rule + "\"]");
    JsonNode key = JSON.readTree(topic.keyPolicy().text()).get("Statement");
    assertThat(key).extracting(s -> s.get("Sid").asText())
        .containsExactly("EnableIamPoliciesOfTheOwningAccount", "AllowEventBridgeToPublishToTheEncryptedTopic");
    // EventBridge publishes without a State attribute: only_failures must still let its messages through
    assertThat(topic.subscriptions().get(0).filterPolicy())
        .isEqualTo("{\"$or\":[{\"State\":[{\"anything-but\":\"COMPLETED\"}]},{\"State\":[{\"exists\":false}]}]}");
  }

  @Test
  void thePatternUsesEachJobTypesOwnFieldAndStates() throws Exception {
    var forward = module(plan(EVENTS), "accounts/app").jobEvents().forwards().get(0);
    assertThat(JSON.readTree(forward.pattern().text())).isEqualTo(JSON.readTree("""
        {"source": ["aws.backup"], "$or": [
          {"detail-type": ["Backup Job State Change"], "detail": {"state": ["FAILED", "ABORTED", "EXPIRED", "PARTIAL"]}},
          {"detail-type": ["Copy Job State Change"], "detail": {"state": ["FAILED", "PARTIAL"]}},
          {"detail-type": ["Restore Job State Change"], "detail": {"status": ["FAILED", "ABORTED"]}},
          {"detail-type": ["Scan Job State Change"], "detail": {"state": ["FAILED", "COMPLETED_WITH_ISSUES"]}},
          {"detail-type": ["Scan Job State Change"], "detail": {"scanResult": {"scanResultStatus": ["THREATS_FOUND"]}}}]}
        """));
    var restoreOnly = module(plan(EVENTS.replace("organization_events: {topic: alerts}",
        "organization_events: {topic: alerts, job_types: [restore], states: [FAILED]}")), "accounts/app").jobEvents();
    assertThat(JSON.readTree(restoreOnly.forwards().get(0).pattern().text())).isEqualTo(JSON.readTree("""
        {"source": ["aws.backup"], "detail-type": ["Restore Job State Change"], "detail": {"status": ["FAILED"]}}
        """));
    // a scan that found malware completes normally: it is alerted whatever the states
    var scansOnly = module(plan(EVENTS.replace("organization_events: {topic: alerts}",
        "organization_events: {topic: alerts, job_types: [scan], states: [FAILED]}")), "accounts/app").jobEvents();
    assertThat(JSON.readTree(scansOnly.forwards().get(0).pattern().text())).isEqualTo(JSON.readTree("""
        {"source": ["aws.backup"], "$or": [
          {"detail-type": ["Scan Job State Change"], "detail": {"state": ["FAILED"]}},
          {"detail-type": ["Scan Job State Change"], "detail": {"scanResult": {"scanResultStatus": ["THREATS_FOUND"]}}}]}
        """));
  }

  @Test
  void theReceiverIsAppliedBeforeTheForwardingAccounts() {
    var output = plan(EVENTS);
    assertThat(module(output, "accounts/backup-admin").level()).isEqualTo(1);
    assertThat(module(output, "accounts/app").after()).contains("accounts/backup-admin");
    assertThat(module(output, "accounts/app").dependsOn()).anySatisfy(d -> assertThat(d.reason()).contains(
        "forward AWS Backup job events to the event bus backup-catalogue-job-events of backup-admin (eu-west-1"));
  }

  @Test
  void aReceiverWithPlansPublishesItsOwnJobsFromItsDefaultBusAndItsVaultTopicGainsTheRules() throws Exception {
    var output = plan(EVENTS.replace("organization_events: {topic: alerts}", "organization_events: {topic: alerts, account: app}")
        .replace("    lock: {mode: governance, min_retention_days: 7, max_retention_days: 400}\n",
            "    lock: {mode: governance, min_retention_days: 7, max_retention_days: 400}\n"
                + "    notifications: {topic: alerts, events: [BACKUP_JOB_COMPLETED]}\n"));
    var app = module(output, "accounts/app");
    assertThat(app.jobEvents().forwardingRole()).isNull();
    assertThat(app.jobEvents().buses()).singleElement().satisfies(b -> assertThat(b.senders()).containsOnlyKeys("central"));
    assertThat(app.jobEvents().ownJobs()).extracting(Model.EventRule::name).containsExactly("backup-catalogue-own-job-alerts");
    var topic = app.topics().get(0);
    assertThat(topic.vaults()).containsExactly("Local");
    assertThat(topic.eventRules()).containsExactly(
        "arn:aws:events:eu-west-1:345678901234:rule/backup-catalogue-job-events/backup-catalogue-job-alerts",
        "arn:aws:events:eu-west-1:345678901234:rule/backup-catalogue-own-job-alerts");
    assertThat(JSON.readTree(topic.policy().text()).get("Statement")).extracting(s -> s.get("Sid").asText())
        .containsExactly("AllowAwsBackupOfThisAccountToPublish", "AllowTheJobEventRulesToPublish");
    assertThat(JSON.readTree(topic.keyPolicy().text()).get("Statement")).extracting(s -> s.get("Sid").asText())
        .containsExactly("EnableIamPoliciesOfTheOwningAccount", "AllowAwsBackupToPublishToTheEncryptedTopic",
            "AllowEventBridgeToPublishToTheEncryptedTopic");
    // central forwards to app and so follows it; app depends on nothing of central: no cycle
    assertThat(module(output, "accounts/central").after()).contains("accounts/app");
    assertThat(app.after()).doesNotContain("accounts/central");
  }

  @Test
  void withoutOrganizationEventsNothingIsForwarded() {
    var output = plan(Catalogues.ORGANIZATION);
    assertThat(output.modules()).allSatisfy(m -> assertThat(m.jobEvents()).isNull());
    assertThat(output.modules()).noneSatisfy(m -> assertThat(m.path()).isEqualTo("accounts/backup-admin"));
  }

  @Test
  void theAccessMatrixAsksWhoMayPutEventsOnTheBus() {
    var questions = AccessMatrix.of(plan(EVENTS));
    assertThat(questions).filteredOn(q -> q.id().startsWith("accounts/backup-admin/job-events/"))
        .extracting(q -> q.id().substring(q.id().lastIndexOf('/') + 1) + "=" + q.expected())
        .containsExactly("app-forwarding-role-PutEvents=Allowed", "central-forwarding-role-PutEvents=Allowed",
            "app-administrator-PutEvents=Denied", "outside-account-PutEvents=Denied");
    assertThat(questions).filteredOn(q -> q.id().startsWith("accounts/app/job-events/"))
        .extracting(q -> q.id().substring(q.id().lastIndexOf('/') + 1) + "=" + q.expected())
        .containsExactly("forwarding-role-PutEvents=Allowed", "forwarding-role-PutEvents-default-bus=Denied");
    assertThat(questions).filteredOn(q -> q.id().startsWith("accounts/backup-admin/topic/"))
        .extracting(q -> q.id().substring(q.id().lastIndexOf('/') + 1) + "=" + q.expected())
        .contains("events-Publish-backup-catalogue-job-alerts=Allowed", "events-Publish-other-rule=Denied");
  }
}
