package io.github.backupcatalogue.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.backupcatalogue.Catalogues;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The derived wiring: what one line of the catalogue adds across accounts, and what removing it removes. */
class WiringTest {

  private static Model.Output plan(String yaml) {
    var load = Catalogues.load(yaml);
    return Planner.plan(load.catalogue().orElseThrow(), "backup-catalogue.yaml");
  }

  private static Model.Module module(Model.Output output, String path) {
    return output.modules().stream().filter(m -> m.path().equals(path)).findFirst().orElseThrow();
  }

  private static List<String> managedPolicies(Model.Output output, String path) {
    return module(output, path).role().managedPolicies().stream().map(Model.ManagedPolicy::arn).toList();
  }

  @Test
  void s3InASelectionAddsTheS3PoliciesAndRemovingItRemovesThem() {
    var withS3 = plan(Catalogues.organizationWith("resource_types: [RDS]", "resource_types: [RDS, S3]"));
    assertThat(managedPolicies(withS3, "accounts/app")).containsExactly(Planner.BACKUP_POLICY, Planner.RESTORE_POLICY,
        Planner.S3_BACKUP_POLICY, Planner.S3_RESTORE_POLICY);
    var withoutS3 = plan(Catalogues.ORGANIZATION);
    assertThat(managedPolicies(withoutS3, "accounts/app")).containsExactly(Planner.BACKUP_POLICY, Planner.RESTORE_POLICY);
  }

  @Test
  void aCrossAccountCopyNamesTheSourceRoleInTheCentralKeyAndVaultPolicies() throws Exception {
    var output = plan(Catalogues.ORGANIZATION);
    var central = module(output, "accounts/central");
    String sourceRole = "arn:aws:iam::345678901234:role/BackupCatalogueRole";
    JsonNode key = new ObjectMapper().readTree(central.keys().get(0).policy().text());
    assertThat(key.get("Statement").get(1).get("Principal").get("AWS").toString()).contains(sourceRole);
    JsonNode vault = new ObjectMapper().readTree(central.vaults().get(0).accessPolicy().text());
    JsonNode copy = vault.get("Statement").get(0);
    assertThat(copy.get("Action").asText()).isEqualTo("backup:CopyIntoBackupVault");
    assertThat(copy.get("Principal").get("AWS").asText()).isEqualTo(sourceRole);
    assertThat(copy.get("Condition").get("StringEquals").get("aws:PrincipalOrgID").asText()).isEqualTo("o-a1b2c3d4e5");
    assertThat(module(output, "accounts/app").role().inlinePolicies().get(0).policy()).contains("alias/backup-catalogue/Central");
    assertThat(output.modules().stream().map(Model.Module::path))
        .containsExactly("management", "accounts/app", "accounts/central", "policies");
  }

  @Test
  void removingTheCopyRemovesTheCentralVaultAndTheGrants() {
    var output = plan(Catalogues.organizationWith("""
                copy_to:
                  - vault: Central
                    lifecycle: {delete_after_days: 365}
        """, ""));
    assertThat(output.modules().stream().map(Model.Module::path)).containsExactly("management", "accounts/app", "policies");
    assertThat(module(output, "accounts/app").role().inlinePolicies()).isEmpty();
  }

  @Test
  void noWildcardPrincipalInAnyAllowStatement() throws Exception {
    var output = plan(Catalogues.ORGANIZATION);
    var mapper = new ObjectMapper();
    for (var module : output.modules()) {
      for (var key : module.keys()) {
        for (JsonNode s : mapper.readTree(key.policy().text()).get("Statement")) {
          assertThat(s.get("Principal").toString()).doesNotContain("\"*\"");
        }
      }
      for (var vault : module.vaults()) {
        if (vault.accessPolicy() != null) {
          for (JsonNode s : mapper.readTree(vault.accessPolicy().text()).get("Statement")) {
            if (s.get("Effect").asText().equals("Allow")) {
              assertThat(s.get("Principal").toString()).doesNotContain("\"*\"");
            }
          }
        }
      }
    }
  }

  @Test
  void theDelegatedAdministratorCanCreateBackupPoliciesAndOnlyThose() throws Exception {
    var management = module(plan(Catalogues.ORGANIZATION), "management").management();
    JsonNode policy = new ObjectMapper().readTree(management.resourcePolicy().text());
    JsonNode create = null;
    for (JsonNode s : policy.get("Statement")) {
      if (s.get("Action").toString().contains("organizations:CreatePolicy")) {
        assertThat(create).as("CreatePolicy in one statement only").isNull();
        create = s;
      }
    }
    // CreatePolicy cannot be scoped to a policy ARN (the policy does not exist yet).
    assertThat(create.get("Resource").asText()).isEqualTo("*");
    assertThat(create.get("Condition").get("StringEquals").get("organizations:PolicyType").asText()).isEqualTo("BACKUP_POLICY");
    assertThat(create.get("Principal").get("AWS").asText()).isEqualTo("arn:aws:iam::123456789101:root");
  }

  private static final String ALERTS = Catalogues.organizationWith(
      "    lock: {mode: governance, min_retention_days: 30, max_retention_days: 3650}\n",
      "    lock: {mode: governance, min_retention_days: 30, max_retention_days: 3650}\n"
          + "    notifications: {topic: alerts, events: [COPY_JOB_FAILED]}\n") + """
      notifications:
        topics:
          alerts:
            subscriptions:
              - {protocol: email, endpoint: backup-team@example.com, only_failures: true}
              - {protocol: sqs, endpoint: "arn:aws:sqs:eu-west-1:123456789101:backup-events"}
      """;

  @Test
  void aVaultNotificationAddsTheTopicItsKeyAndThePublishStatementInTheVaultsAccountOnly() throws Exception {
    var output = plan(ALERTS);
    var central = module(output, "accounts/central");
    assertThat(central.topics()).hasSize(1);
    var topic = central.topics().get(0);
    assertThat(topic.resourceName()).isEqualTo("alerts_eu_west_1");
    assertThat(topic.vaults()).containsExactly("Central");
    JsonNode policy = new ObjectMapper().readTree(topic.policy().text());
    // the second statement lets the queue's account subscribe (see below)
    assertThat(policy.get("Statement")).hasSize(2);
    JsonNode publish = policy.get("Statement").get(0);
    assertThat(publish.get("Principal").get("Service").asText()).isEqualTo("backup.amazonaws.com");
    assertThat(publish.get("Action").asText()).isEqualTo("SNS:Publish");
    assertThat(publish.get("Resource").asText()).isEqualTo("arn:aws:sns:eu-west-1:210987654321:alerts");
    assertThat(publish.get("Condition").get("StringEquals").get("aws:SourceAccount").asText()).isEqualTo("210987654321");
    JsonNode key = new ObjectMapper().readTree(topic.keyPolicy().text()).get("Statement").get(1);
    assertThat(key.get("Principal").get("Service").asText()).isEqualTo("backup.amazonaws.com");
    assertThat(key.get("Condition").get("StringEquals").get("aws:SourceAccount").asText()).isEqualTo("210987654321");
    assertThat(central.vaults().get(0).notifications().topicResource()).isEqualTo("alerts_eu_west_1");
    assertThat(central.vaults().get(0).notifications().events()).containsExactly("COPY_JOB_FAILED");
    // the member account's vault publishes nothing, so it gets no topic
    assertThat(module(output, "accounts/app").topics()).isEmpty();
    assertThat(module(output, "accounts/app").vaults().get(0).notifications()).isNull();
  }

  @Test
  void eachSubscriptionOfTheTopicsAccountBecomesOneSubscriptionAndOnlyFailuresAddsTheStateFilter() {
    String sameAccountQueue = ALERTS.replace("arn:aws:sqs:eu-west-1:123456789101:", "arn:aws:sqs:eu-west-1:210987654321:");
    var output = plan(sameAccountQueue);
    var topic = module(output, "accounts/central").topics().get(0);
    assertThat(topic.subscriptions()).extracting(Model.TopicSubscription::protocol).containsExactly("email", "sqs");
    assertThat(topic.subscriptions().get(0).filterPolicy()).isEqualTo(
        "{\"$or\":[{\"State\":[{\"anything-but\":\"COMPLETED\"}]},{\"State\":[{\"exists\":false}]}]}");
    assertThat(topic.subscriptions().get(1).filterPolicy()).isNull();
    assertThat(topic.subscriptions().get(1).note())
        .isEqualTo("the queue's policy must let sns.amazonaws.com send messages from this topic (aws:SourceArn)");
    // a queue of the topic's own account: no subscribe statement, no subscriptions module
    assertThat(topic.policy().text()).doesNotContain("SNS:Subscribe");
    assertThat(output.modules()).noneMatch(m -> m.path().startsWith("subscriptions/"));
    var without = module(plan(ALERTS.replace(
        "        - {protocol: sqs, endpoint: \"arn:aws:sqs:eu-west-1:123456789101:backup-events\"}\n", "")), "accounts/central");
    assertThat(without.topics().get(0).subscriptions()).hasSize(1);
    assertThat(without.topics().get(0).policy().text()).doesNotContain("SNS:Subscribe");
  }

  @Test
  void aQueueOfAnotherAccountIsSubscribedByThatAccountWhichTheTopicPolicyLetsSubscribeExactlyThatQueue() throws Exception {
    var output = plan(ALERTS);
    var topic = module(output, "accounts/central").topics().get(0);
    // the topic's account does not subscribe the queue of backup-admin (123456789101) itself
    assertThat(topic.subscriptions()).extracting(Model.TopicSubscription::protocol).containsExactly("email");
    JsonNode subscribe = new ObjectMapper().readTree(topic.policy().text()).get("Statement").get(1);
    assertThat(subscribe.toString()).isEqualTo("{\"Sid\":\"AllowTheQueueAccountToSubscribeItsQueue1\",\"Effect\":\"Allow\","
        + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789101:root\"},\"Action\":\"SNS:Subscribe\","
        + "\"Resource\":\"arn:aws:sns:eu-west-1:210987654321:alerts\",\"Condition\":{\"StringEquals\":{\"sns:Protocol\":\"sqs\","
        + "\"sns:Endpoint\":\"arn:aws:sqs:eu-west-1:123456789101:backup-events\"}}}");
    var queueModule = module(output, "subscriptions/backup-admin");
    assertThat(queueModule.accountId()).isEqualTo("123456789101");
    assertThat(queueModule.queueSubscriptions()).containsExactly(new Model.QueueSubscription("alerts_eu_west_1_210987654321_2",
        "arn:aws:sns:eu-west-1:210987654321:alerts", "accounts/central", "eu-west-1", "eu_west_1",
        "arn:aws:sqs:eu-west-1:123456789101:backup-events", null,
        "the queue's policy must let sns.amazonaws.com send messages from arn:aws:sns:eu-west-1:210987654321:alerts "
            + "(aws:SourceArn)",
        "notifications.topics.alerts.subscriptions[1] (topic of account central)"));
    // the queue account's provider in the topic's region; nothing else in the module
    assertThat(queueModule.providers().regions()).extracting(Model.RegionProvider::region).containsExactly("eu-west-1");
    assertThat(queueModule.role()).isNull();
    assertThat(queueModule.vaults()).isEmpty();
    assertThat(queueModule.dependsOn()).containsExactly(new Model.Dependency("accounts/central", "it subscribes "
        + "arn:aws:sqs:eu-west-1:123456789101:backup-events to topic arn:aws:sns:eu-west-1:210987654321:alerts, which must "
        + "exist with the topic policy that lets this account subscribe the queue"));
  }

  @Test
  void aQueueOfAnAccountTheTopicsModuleDependsOnIsSubscribedWithoutACycle() {
    // app's module comes before central's (central's key policy names app's backup role); app's queue subscribes to
    // central's topic, so the subscription cannot live in app's module: its own module comes after central's
    var output = plan(ALERTS.replace("arn:aws:sqs:eu-west-1:123456789101:", "arn:aws:sqs:eu-west-1:345678901234:"));
    assertThat(output.modules()).extracting(Model.Module::path)
        .containsExactly("management", "accounts/app", "accounts/central", "subscriptions/app", "policies");
    assertThat(module(output, "subscriptions/app").after()).containsExactly("accounts/central");
    assertThat(module(output, "accounts/app").queueSubscriptions()).isEmpty();
  }

  @Test
  void topicsGetAccessMatrixQuestionsForPublishing() {
    var questions = AccessMatrix.of(plan(ALERTS));
    assertThat(questions).filteredOn(q -> q.id().startsWith("accounts/central/topic/alerts_eu_west_1/"))
        .extracting(q -> q.id().substring(q.id().lastIndexOf('/') + 1) + "=" + q.expected())
        .containsExactly("backup-Publish=Allowed", "backup-Publish-for-another-account=Denied", "other-service-Publish=Denied",
            "outside-account-Publish=Denied",
            "subscribe-backup-admin-alerts_eu_west_1_210987654321_2=Allowed",
            "subscribe-backup-admin-alerts_eu_west_1_210987654321_2-other-endpoint=Denied",
            "subscribe-backup-admin-alerts_eu_west_1_210987654321_2-other-queue=Denied",
            "subscribe-backup-admin-alerts_eu_west_1_210987654321_2-outside-account=Denied",
            "subscribe-backup-admin-alerts_eu_west_1_210987654321_2-app-denied=Denied",
            "backup-key-GenerateDataKey=Allowed", "backup-key-for-another-account=Denied", "root-manages-key=Allowed");
  }

  private static final String RESTORE_TESTS = Catalogues.ORGANIZATION + """
      restore_testing:
        Weekly:
          schedule: cron(0 5 ? * SUN *)
          recovery_points: {vaults: [Local]}
          selections:
            databases: {resource_type: RDS}
      """;

  @Test
  void aRestoreTestingPlanAddsItsRoleAndNamesItInTheTestedVaultsKeyOnly() throws Exception {
    var output = plan(RESTORE_TESTS);
    var app = module(output, "accounts/app");
    assertThat(app.restoreTests()).extracting(Model.RestoreTest::resourceName).containsExactly("Weekly_eu_west_1");
    assertThat(app.restoreTests().get(0).vaultResources()).containsExactly("aws_backup_vault.Local_eu_west_1");
    assertThat(app.restoreTests().get(0).selections().get(0).resources()).containsExactly("*");
    var role = app.restoreTestingRole();
    assertThat(role.name()).isEqualTo("BackupCatalogueRestoreTesting");
    assertThat(role.managedPolicies()).extracting(Model.ManagedPolicy::arn).containsExactly(Planner.RESTORE_POLICY);
    JsonNode use = new ObjectMapper().readTree(app.keys().get(0).policy().text()).get("Statement").get(1);
    assertThat(use.get("Principal").get("AWS").toString()).contains("${aws_iam_role.restore_testing.arn}");
    // the central account tests nothing: no role, no plan, its key names no restore testing role
    var central = module(output, "accounts/central");
    assertThat(central.restoreTestingRole()).isNull();
    assertThat(central.restoreTests()).isEmpty();
    assertThat(central.keys().get(0).policy().text()).doesNotContain("restore_testing");
    // without the plan, the member account has neither
    var without = module(plan(Catalogues.ORGANIZATION), "accounts/app");
    assertThat(without.restoreTestingRole()).isNull();
    assertThat(without.keys().get(0).policy().text()).doesNotContain("restore_testing");
  }

  @Test
  void restoreTestsOfTypesThatKeepTheSourceKeyGetAGrantOnTheAccountsResourceKeys() {
    String key = "arn:aws:kms:eu-west-1:345678901234:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    String withKey = RESTORE_TESTS.replace("app: {id: \"345678901234\", ou: workloads, regions: [eu-west-1]}",
        "app: {id: \"345678901234\", ou: workloads, regions: [eu-west-1], resource_keys: [\"" + key + "\"]}");
    var grants = module(plan(withKey), "accounts/app").keyGrants();
    // the grant to the central account for copies, and one to the restore testing role for restores
    assertThat(grants).extracting(Model.KeyGrant::restoreTesting).containsExactly(false, true);
    assertThat(grants.get(1)).isEqualTo(new Model.KeyGrant("restore_testing_key_1234abcd_12ab_34cd_56ef_1234567890ab_eu_west_1",
        key, "eu-west-1", "eu_west_1", "app", "aws_iam_role.restore_testing.arn",
        List.of("CreateGrant", "Decrypt", "DescribeKey", "GenerateDataKeyWithoutPlaintext"), "organization.accounts.app.resource_keys",
        true));
    // restore tests of a type AWS Backup fully manages (encrypted with the vault's key) need no grant
    assertThat(module(plan(withKey.replace("resource_type: RDS", "resource_type: S3")), "accounts/app").keyGrants())
        .extracting(Model.KeyGrant::restoreTesting).containsExactly(false);
    // no restore test: no grant to a role that does not exist
    assertThat(module(plan(withKey.substring(0, withKey.indexOf("restore_testing:"))), "accounts/app").keyGrants())
        .extracting(Model.KeyGrant::restoreTesting).containsExactly(false);
    var questions = AccessMatrix.of(plan(withKey));
    assertThat(questions).filteredOn(q -> q.id().contains("/resource-key-"))
        .extracting(q -> q.id().substring(q.id().lastIndexOf('-') + 1) + "=" + q.expected())
        .containsExactly("Decrypt=Allowed", "CreateGrant=Allowed", "Encrypt=Denied", "role=Denied");
  }

  @Test
  void restoreTestingS3AddsTheS3RestorePolicy() {
    var app = module(plan(RESTORE_TESTS.replace("resource_type: RDS", "resource_type: S3")), "accounts/app");
    assertThat(app.restoreTestingRole().managedPolicies()).extracting(Model.ManagedPolicy::arn)
        .containsExactly(Planner.RESTORE_POLICY, Planner.S3_RESTORE_POLICY);
  }

  @Test
  void theRestoreTestingRoleGetsAccessMatrixQuestions() {
    var questions = AccessMatrix.of(plan(RESTORE_TESTS));
    assertThat(questions).filteredOn(q -> q.id().startsWith("accounts/app/restore-testing/"))
        .extracting(q -> q.id().substring("accounts/app/restore-testing/".length()) + "=" + q.expected())
        .containsExactly("assume/backup-service=Allowed", "assume/other-service=Denied", "restore-RDS=Allowed",
            "no-StartBackupJob=Denied", "key-Local_eu_west_1-Decrypt=Allowed", "key-Local_eu_west_1-CreateGrant-not-for-aws=Denied");
  }

  @Test
  void anAirGappedCopyDestinationIsSharedThroughRamWithTheAccountsCopyingIntoIt() {
    var output = plan(Catalogues.organizationWith(
        "    lock: {mode: governance, min_retention_days: 30, max_retention_days: 3650}\n",
        "    air_gapped: {min_retention_days: 30, max_retention_days: 3650}\n"));
    var vault = module(output, "accounts/central").vaults().get(0);
    assertThat(vault.address()).isEqualTo("aws_backup_logically_air_gapped_vault.Central_eu_west_1");
    assertThat(vault.airGapped().shareWith()).containsExactly(java.util.Map.entry("app", "345678901234"));
    assertThat(vault.keyResource()).isNull();
    assertThat(vault.lock()).isNull();
    assertThat(module(output, "accounts/central").keys()).isEmpty();
    // no key of ours to use: the source role gets no inline policy for the central vault's key
    assertThat(module(output, "accounts/app").role().inlinePolicies()).isEmpty();
    var explicit = plan(Catalogues.organizationWith(
        "    lock: {mode: governance, min_retention_days: 30, max_retention_days: 3650}\n",
        "    air_gapped: {min_retention_days: 30, max_retention_days: 3650, share_with: [backup-admin]}\n"));
    assertThat(module(explicit, "accounts/central").vaults().get(0).airGapped().shareWith())
        .containsExactly(java.util.Map.entry("backup-admin", "123456789101"));
  }

  @Test
  void sharingAnAirGappedVaultEnablesRamSharingWithOrganizationsInTheManagementModuleFirst() {
    String airGapped = Catalogues.organizationWith(
        "    lock: {mode: governance, min_retention_days: 30, max_retention_days: 3650}\n",
        "    air_gapped: {min_retention_days: 30, max_retention_days: 3650}\n");
    var output = plan(airGapped);
    assertThat(module(output, "management").management().ramSharingFor()).containsExactly("Central");
    assertThat(module(output, "accounts/central").dependsOn()).contains(new Model.Dependency("management", "the AWS RAM share "
        + "of air-gapped vault Central (eu-west-1) admits only accounts of the organization, without invitations, once the "
        + "management module has enabled RAM's sharing with AWS Organizations"));
    // shared with nobody: no share, nothing to enable, no dependency
    var unshared = plan(airGapped.replace("max_retention_days: 3650}\n", "max_retention_days: 3650, share_with: []}\n"));
    assertThat(module(unshared, "accounts/central").vaults().get(0).airGapped().shareWith()).isEmpty();
    assertThat(module(unshared, "management").management().ramSharingFor()).isEmpty();
    assertThat(module(unshared, "accounts/central").after()).doesNotContain("management");
    // no air-gapped vault: nothing either
    assertThat(module(plan(Catalogues.ORGANIZATION), "management").management().ramSharingFor()).isEmpty();
  }

  @Test
  void aTagSelectionBecomesOneResourcesSelectionPerValueAndIndexesBecomeIndexActions() throws Exception {
    // "tags" and "resources" are mutually exclusive in a backup policy's selections: tags are written as conditions
    var output = plan(Catalogues.organizationWith("resource_types: [RDS]", "tag: {key: backup-tier, values: [gold, platinum]}")
        .replace("vault: Local\n", "vault: Local\n        index_resource_types: [S3]\n"));
    var policy = output.modules().stream().filter(m -> m.path().equals("policies")).findFirst().orElseThrow().policies().get(0);
    JsonNode plan = new ObjectMapper().readTree(policy.content()).get("plans").get("Daily");
    assertThat(plan.get("selections").has("tags")).isFalse();
    JsonNode resources = plan.get("selections").get("resources");
    assertThat(iterable(resources.fieldNames())).contains("databases-gold", "databases-platinum").doesNotContain("databases");
    for (String value : new String[] {"gold", "platinum"}) {
      JsonNode selection = resources.get("databases-" + value);
      assertThat(selection.get("resource_types").get("@@assign").toString()).isEqualTo("[\"*\"]");
      JsonNode condition = selection.at("/conditions/string_equals/backup-tier");
      assertThat(condition.at("/condition_key/@@assign").asText()).isEqualTo("aws:ResourceTag/backup-tier");
      assertThat(condition.at("/condition_value/@@assign").asText()).isEqualTo(value);
    }
    assertThat(plan.get("rules").get("Nightly").get("index_actions").get("resource_types").get("@@assign").toString())
        .isEqualTo("[\"S3\"]");
  }

  private static java.util.List<String> iterable(java.util.Iterator<String> names) {
    java.util.List<String> list = new java.util.ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }

  private static final String NAMED_ROLE = Catalogues.organizationWith("plans:\n",
      "backup_roles:\n  DatabaseBackupRole: {path: /service-role/}\nplans:\n")
      .replace("resource_types: [RDS]", "resource_types: [RDS]\n        role: DatabaseBackupRole");

  @Test
  void aNamedRoleIsCreatedWhereItsPlanRunsAndNamedInThePolicyAndInTheCopyDestinationsInsteadOfTheDefault() throws Exception {
    var output = plan(NAMED_ROLE);
    var app = module(output, "accounts/app");
    assertThat(app.namedRoles()).extracting(Model.Role::resourceName, Model.Role::name, Model.Role::path, Model.Role::source)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("backup_DatabaseBackupRole", "DatabaseBackupRole", "/service-role/",
            "backup_roles.DatabaseBackupRole"));
    var named = app.namedRoles().get(0);
    // the default role's policies (RDS only: no S3 ones), and the use of the central key it copies into
    assertThat(named.managedPolicies()).extracting(Model.ManagedPolicy::resourceName, Model.ManagedPolicy::arn).containsExactly(
        org.assertj.core.groups.Tuple.tuple("backup_DatabaseBackupRole_backup", Planner.BACKUP_POLICY),
        org.assertj.core.groups.Tuple.tuple("backup_DatabaseBackupRole_restores", Planner.RESTORE_POLICY));
    assertThat(named.inlinePolicies().get(0).policy()).contains("alias/backup-catalogue/Central");
    // the backup policy's selection names it, with $account
    var policy = module(output, "policies").policies().get(0);
    JsonNode selection = new ObjectMapper().readTree(policy.content()).get("plans").get("Daily").get("selections")
        .get("resources").get("databases");
    assertThat(selection.get("iam_role_arn").get("@@assign").asText())
        .isEqualTo("arn:aws:iam::$account:role/service-role/DatabaseBackupRole");
    // the member vault's key names it by reference, next to the default role
    JsonNode member = new ObjectMapper().readTree(app.keys().get(0).policy().text()).get("Statement").get(1);
    assertThat(member.get("Principal").get("AWS").toString())
        .isEqualTo("[\"${aws_iam_role.backup.arn}\",\"${aws_iam_role.backup_DatabaseBackupRole.arn}\"]");
    // the central vault's key and access policy name the role that copies, and no longer the default one
    var central = module(output, "accounts/central");
    String namedArn = "arn:aws:iam::345678901234:role/service-role/DatabaseBackupRole";
    JsonNode key = new ObjectMapper().readTree(central.keys().get(0).policy().text()).get("Statement").get(1);
    assertThat(key.get("Principal").get("AWS").toString()).contains(namedArn).doesNotContain("role/BackupCatalogueRole");
    JsonNode copy = new ObjectMapper().readTree(central.vaults().get(0).accessPolicy().text()).get("Statement").get(0);
    assertThat(copy.get("Principal").get("AWS").asText()).isEqualTo(namedArn);
    // no selection names it: not created
    assertThat(module(plan(Catalogues.ORGANIZATION), "accounts/app").namedRoles()).isEmpty();
  }

  @Test
  void aNamedRoleGetsAccessMatrixQuestions() {
    var questions = AccessMatrix.of(plan(NAMED_ROLE));
    assertThat(questions).filteredOn(q -> q.id().contains("DatabaseBackupRole"))
        .extracting(q -> q.id() + "=" + q.expected())
        .containsExactly(
            "accounts/app/assume/backup_DatabaseBackupRole/backup-service=Allowed",
            "accounts/app/assume/backup_DatabaseBackupRole/other-account=Denied",
            "accounts/app/key/Local_eu_west_1/backup_DatabaseBackupRole-GenerateDataKey=Allowed",
            "accounts/central/vault/Central_eu_west_1/copy-from-app-backup_DatabaseBackupRole=Allowed",
            "accounts/central/vault/Central_eu_west_1/key-app-backup_DatabaseBackupRole-GenerateDataKey=Allowed");
  }

  @Test
  void aNamedRoleOfASingleAccountIsTheSelectionsRole() {
    String single = """
        version: 1
        account: {name: app, id: "345678901234", regions: [eu-west-1]}
        backup_roles:
          Db: {}
        vaults:
          Local: {}
          Other: {}
        plans:
          Daily:
            regions: [eu-west-1]
            rules:
              Nightly:
                schedule: cron(0 3 ? * * *)
                lifecycle: {delete_after_days: 35}
                vault: Local
            selections:
              databases: {resource_types: [RDS], role: Db}
              buckets: {resource_types: [S3]}
          Files:
            regions: [eu-west-1]
            rules:
              Nightly:
                schedule: cron(0 4 ? * * *)
                lifecycle: {delete_after_days: 35}
                vault: Other
            selections:
              volumes: {resource_types: [EBS]}
        """;
    var app = plan(single).modules().get(0);
    assertThat(app.backupPlans().get(0).selections()).extracting(Model.PlanSelection::name, Model.PlanSelection::roleResource)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("databases", "backup_Db"),
            org.assertj.core.groups.Tuple.tuple("buckets", "backup"));
    assertThat(app.namedRoles()).extracting(Model.Role::name).containsExactly("Db");
    // only the vault its selections back up into names it
    assertThat(app.keys()).extracting(k -> k.vault() + "=" + k.policy().references().contains("aws_iam_role.backup_Db.arn"))
        .containsExactly("Local=true", "Other=false");
    var questions = AccessMatrix.of(plan(single));
    assertThat(questions).filteredOn(q -> q.id().endsWith("backup_Db-GenerateDataKey")).extracting(q -> q.id() + "=" + q.expected())
        .containsExactly("accounts/app/key/Local_eu_west_1/backup_Db-GenerateDataKey=Allowed",
            "accounts/app/key/Other_eu_west_1/backup_Db-GenerateDataKey=Denied");
  }

  /** The base catalogue whose plan selects RDS and S3, scans {@code types} and whose rule scans incrementally. */
  private static String scanning(String types) {
    return Catalogues.organizationWith("vault: Local\n", "vault: Local\n        malware_scan: incremental\n")
        .replace("resource_types: [RDS]\n", "resource_types: [RDS, S3]\n    malware_scanning: {resource_types: " + types + "}\n");
  }

  @Test
  void malwareScanningAddsTheScannerRoleWhereThePlanRunsAndScanSettingsAndActionsToThePolicy() throws Exception {
    var output = plan(scanning("[S3]"));
    Model.Role scanner = module(output, "accounts/app").malwareScannerRole();
    assertThat(scanner.name()).isEqualTo("BackupCatalogueMalwareScanner");
    assertThat(scanner.managedPolicies()).extracting(Model.ManagedPolicy::arn)
        .containsExactly("arn:aws:iam::aws:policy/AWSBackupGuardDutyRolePolicyForScans");
    JsonNode trust = new ObjectMapper().readTree(scanner.trustPolicy().text()).get("Statement").get(0);
    assertThat(trust.get("Principal").get("Service").asText()).isEqualTo("malware-protection.guardduty.amazonaws.com");
    // the central account receives no plan: no scanner there; the backup role keeps its policies (AWSBackupServiceRolePolicyForBackup
    // already lets AWS Backup start GuardDuty scans and pass the scanner role to GuardDuty)
    assertThat(module(output, "accounts/central").malwareScannerRole()).isNull();
    assertThat(managedPolicies(output, "accounts/app")).containsExactly(Planner.BACKUP_POLICY, Planner.RESTORE_POLICY,
        Planner.S3_BACKUP_POLICY, Planner.S3_RESTORE_POLICY);
    JsonNode plan = new ObjectMapper().readTree(module(output, "policies").policies().get(0).content()).get("plans").get("Daily");
    // keyed by the scanner, as AWS's Example 8 (the base policy also locks every key for child policies)
    assertThat(plan.at("/rules/Nightly/scan_actions/GUARDDUTY/scan_mode/@@assign").asText()).isEqualTo("INCREMENTAL_SCAN");
    assertThat(plan.at("/scan_settings/GUARDDUTY/resource_types/@@assign").toString()).isEqualTo("[\"S3\"]");
    assertThat(plan.at("/scan_settings/GUARDDUTY/scanner_role_arn/@@assign").asText())
        .isEqualTo("arn:aws:iam::$account:role/BackupCatalogueMalwareScanner");
    var withoutScanning = plan(Catalogues.ORGANIZATION);
    assertThat(module(withoutScanning, "accounts/app").malwareScannerRole()).isNull();
    assertThat(module(withoutScanning, "policies").policies().get(0).content()).doesNotContain("scan_");
  }

  @Test
  void scanningS3NamesTheScannerInTheKeyOfTheScannedVaultAndScanningEbsDoesNot() throws Exception {
    var s3 = module(plan(scanning("[S3]")), "accounts/app").keys().get(0).policy();
    assertThat(s3.references()).contains(IamDocuments.MALWARE_SCANNER_ROLE_REFERENCE);
    JsonNode statement = new ObjectMapper().readTree(s3.text()).get("Statement").get(3);
    assertThat(statement.get("Sid").asText()).isEqualTo("AllowTheMalwareScannerToReadTheRecoveryPointsItScans");
    assertThat(statement.get("Action").toString()).isEqualTo("[\"kms:Decrypt\",\"kms:DescribeKey\"]");
    // EBS snapshots keep the source volume's key: the vault's key is not the scanner's business
    var ebs = module(plan(scanning("[EBS]")), "accounts/app").keys().get(0).policy();
    assertThat(ebs.references()).doesNotContain(IamDocuments.MALWARE_SCANNER_ROLE_REFERENCE);
    // nor is the key of the central vault the copies go to: AWS Backup scans the rule's own recovery points
    var central = module(plan(scanning("[ALL]")), "accounts/central").keys().get(0).policy();
    assertThat(central.text()).doesNotContain("MalwareScanner");
  }
}
