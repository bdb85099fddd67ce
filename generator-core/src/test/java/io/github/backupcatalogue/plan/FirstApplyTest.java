package io.github.backupcatalogue.plan;

import static io.github.backupcatalogue.Catalogues.headlines;
import static io.github.backupcatalogue.Catalogues.organizationWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.backupcatalogue.Catalogues;
import io.github.backupcatalogue.render.TemplateRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, one test per point: what a real organization needs for the first apply to succeed and
 * for no account to be silently unprotected. Each fails on the generator before the fix.
 */
class FirstApplyTest {

  private static final String F = "backup-catalogue.yaml:";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Model.Output plan(String yaml) {
    var load = Catalogues.load(yaml);
    assertThat(load.problems()).isEmpty();
    return Planner.plan(load.catalogue().orElseThrow(), "backup-catalogue.yaml");
  }

  private static SortedMap<String, String> render(String yaml) throws Exception {
    return new TemplateRenderer(null).render(plan(yaml));
  }

  private static Model.Module module(Model.Output output, String path) {
    return output.modules().stream().filter(m -> m.path().equals(path)).findFirst().orElseThrow();
  }

  private static List<JsonNode> statements(String document) throws Exception {
    List<JsonNode> all = new ArrayList<>();
    JSON.readTree(document).get("Statement").forEach(all::add);
    return all;
  }

  private static JsonNode statement(String document, String sid) throws Exception {
    return statements(document).stream().filter(s -> s.get("Sid").asText().equals(sid)).findFirst().orElseThrow();
  }

  // 1. Tagged policies need organizations:TagResource.
  @Test
  void theDelegatedAdministratorMayTagAndUntagBackupPolicies() throws Exception {
    var policy = module(plan(Catalogues.ORGANIZATION), "management").management().resourcePolicy().text();
    JsonNode tag = statement(policy, "AllowTaggingBackupPolicies");
    assertThat(tag.get("Action").toString()).contains("organizations:TagResource", "organizations:UntagResource");
    assertThat(tag.get("Resource").asText()).isEqualTo("arn:aws:organizations::109876543210:policy/o-a1b2c3d4e5/backup_policy/*");
    assertThat(statement(policy, "AllowReadingTheOrganizationStructure").get("Action").toString())
        .contains("organizations:ListAWSServiceAccessForOrganization", "organizations:ListRoots",
            "organizations:ListAccountsForParent", "organizations:ListOrganizationalUnitsForParent");
  }

  // 2. Prerequisites are checked by the plan, with the fixing command.
  @Test
  void thePlanChecksThePolicyTypeAndTrustedAccessWithTheFixingCommand() throws Exception {
    var files = render(Catalogues.ORGANIZATION);
    assertThat(files.get("management/checks.tf"))
        .contains("contains(self.enabled_policy_types, \"BACKUP_POLICY\")")
        .contains("aws organizations enable-policy-type --root-id r-a1b2 --policy-type BACKUP_POLICY")
        .contains("contains(self.aws_service_access_principals, \"backup.amazonaws.com\")")
        .contains("aws organizations enable-aws-service-access --service-principal backup.amazonaws.com")
        .contains("self.id == \"o-a1b2c3d4e5\"");
    assertThat(files.get("policies/checks.tf")).contains("enable-policy-type").doesNotContain("enable-aws-service-access");
    assertThat(files.get("management/README.md")).contains("## Before the first apply");
  }

  // 3. The management account has no OrganizationAccountAccessRole.
  @Test
  void theManagementAccountUsesThePipelinesCredentialsUnlessTheCatalogueNamesARole() {
    String withRole = organizationWith("settings:\n", "deployment:\n  assume_role_name: OrganizationAccountAccessRole\nsettings:\n");
    var output = plan(withRole);
    assertThat(module(output, "management").providers().assumeRoleArn()).isNull();
    assertThat(module(output, "accounts/app").providers().assumeRoleArn())
        .isEqualTo("arn:aws:iam::345678901234:role/OrganizationAccountAccessRole");
    var named = plan(withRole.replace("  assume_role_name: OrganizationAccountAccessRole\n",
        "  assume_role_name: OrganizationAccountAccessRole\n  management_assume_role_name: BackupDeployer\n"));
    assertThat(module(named, "management").providers().assumeRoleArn()).isEqualTo("arn:aws:iam::109876543210:role/BackupDeployer");
  }

  // 4. Coverage: every account of an attached OU is protected or excluded on purpose.
  @Test
  void thePoliciesModuleChecksEveryAccountOfEveryAttachedOu() throws Exception {
    String yaml = organizationWith("    app: {id: \"345678901234\", ou: workloads, regions: [eu-west-1]}\n",
        "    app: {id: \"345678901234\", ou: workloads, regions: [eu-west-1]}\n"
            + "  excluded_accounts:\n    sandbox: {id: \"999999999999\", reason: holds no data}\n");
    var coverage = module(plan(yaml), "policies").coverage();
    assertThat(coverage).singleElement().satisfies(c -> {
      assertThat(c.targetId()).isEqualTo("ou-a1b2-22222222");
      assertThat(c.expected()).containsExactly("345678901234");
      assertThat(c.excluded()).containsEntry("999999999999", "sandbox: holds no data");
    });
    assertThat(render(yaml).get("policies/checks.tf"))
        .contains("data \"aws_organizations_organizational_unit_descendant_accounts\" \"ou_workloads\"")
        .contains("\"999999999999\" = \"sandbox: holds no data\"")
        .contains("receive backup policies but have no backup role or vault");
  }

  @Test
  void anExcludedAccountNeedsAReasonAndCannotAlsoBeProtected() {
    String yaml = organizationWith("    app: {id: \"345678901234\", ou: workloads, regions: [eu-west-1]}\n",
        "    app: {id: \"345678901234\", ou: workloads, regions: [eu-west-1]}\n"
            + "  excluded_accounts:\n    sandbox: {id: \"345678901234\", reason: \"\"}\n");
    assertThat(headlines(yaml)).contains(
        F + "16:19: error[BC110]: account 345678901234 is both in organization.accounts and excluded",
        F + "16:43: error[BC110]: excluded account 'sandbox' gives no reason");
  }

  @Test
  void theBaselineStackSetDeploysTheRoleAndMemberVaultsFromTheSamePlan() throws Exception {
    String yaml = organizationWith("    app: {id: \"345678901234\", ou: workloads, regions: [eu-west-1]}\n",
        "    app: {id: \"345678901234\", ou: workloads, regions: [eu-west-1]}\n"
            + "  baseline: {organizational_units: [workloads]}\n")
        .replace("        copy_to:\n          - vault: Central\n            lifecycle: {delete_after_days: 365}\n", "");
    var policies = module(plan(yaml), "policies");
    var stackSet = policies.stackSet();
    assertThat(stackSet.callAs()).isEqualTo("DELEGATED_ADMIN");
    assertThat(stackSet.excludedAccountIds()).containsExactly("345678901234");
    JsonNode template = JSON.readTree(stackSet.template().text());
    assertThat(template.get("Resources").get("BackupRole").get("Properties").get("RoleName").asText()).isEqualTo("BackupCatalogueRole");
    JsonNode vault = template.get("Resources").get("V1LocalVault");
    assertThat(vault.get("DeletionPolicy").asText()).isEqualTo("Retain");
    assertThat(vault.get("Properties").get("LockConfiguration").get("MinRetentionDays").asInt()).isEqualTo(7);
    assertThat(vault.get("Properties").get("AccessPolicy").toString()).contains("DenyRemovingThisProtection");
    assertThat(policies.coverage()).singleElement().satisfies(c -> assertThat(c.baseline()).isTrue());
    assertThat(module(plan(yaml), "management").management().delegatedAdministrators())
        .anySatisfy(d -> assertThat(d.servicePrincipal()).isEqualTo("member.org.stacksets.cloudformation.amazonaws.com"));
    var files = render(yaml);
    assertThat(files.get("policies/baseline.tf")).contains("permission_model = \"SERVICE_MANAGED\"")
        .contains("account_filter_type     = \"DIFFERENCE\"").contains("$${AWS::AccountId}");
  }

  @Test
  void aBaselineCannotCopyIntoACentralVault() {
    String yaml = organizationWith("    app: {id: \"345678901234\", ou: workloads, regions: [eu-west-1]}\n",
        "    app: {id: \"345678901234\", ou: workloads, regions: [eu-west-1]}\n"
            + "  baseline: {organizational_units: [workloads]}\n");
    assertThat(headlines(yaml)).anyMatch(h -> h.startsWith(F + "15:3: error[BC239]: plans of the baseline OUs copy into central vault 'Central'"));
  }

  // 5. Copies of types AWS Backup does not fully manage need the resource's key shared.
  @Test
  void namedResourceKeysAreSharedWithTheCentralAccountByGrants() {
    String key = "arn:aws:kms:eu-west-1:345678901234:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    String yaml = organizationWith("app: {id: \"345678901234\", ou: workloads, regions: [eu-west-1]}",
        "app: {id: \"345678901234\", ou: workloads, regions: [eu-west-1], resource_keys: [\"" + key + "\"]}");
    assertThat(headlines(yaml)).containsExactly(io.github.backupcatalogue.Catalogues.NO_STATE);
    var grants = module(plan(yaml), "accounts/app").keyGrants();
    assertThat(grants).singleElement().satisfies(g -> {
      assertThat(g.keyArn()).isEqualTo(key);
      assertThat(g.grantee()).isEqualTo("arn:aws:iam::210987654321:root");
      assertThat(g.operations()).contains("Decrypt", "CreateGrant", "DescribeKey");
    });
    assertThat(headlines(yaml.replace(key, "arn:aws:kms:eu-west-1:111111111111:key/x"))).containsExactly(
        F + "14:84: error[BC113]: key arn:aws:kms:eu-west-1:111111111111:key/x belongs to account 111111111111, not to 'app' (345678901234)");
  }

  // 6. Region settings opt in what the plans select, and full management for cross-account DynamoDB.
  @Test
  void regionSettingsOptInTheSelectedTypesAndDynamoDbFullManagement() {
    var settings = module(plan(organizationWith("resource_types: [RDS]", "resource_types: [RDS, DynamoDB]")), "accounts/app")
        .regionSettings();
    assertThat(settings).singleElement().satisfies(s -> {
      assertThat(s.optIn()).containsExactly("DynamoDB", "RDS");
      assertThat(s.fullManagement()).containsExactly("DynamoDB");
      assertThat(s.unmanaged()).contains("EBS", "S3").doesNotContain("RDS");
    });
    assertThat(module(plan(organizationWith("resource_types: [RDS]", "resource_types: [RDS, DynamoDB]")), "accounts/central")
        .regionSettings()).singleElement().satisfies(s -> assertThat(s.fullManagement()).containsExactly("DynamoDB"));
  }

  // 7. Global settings: only what the catalogue turns on, the rest ignored, never switched off.
  @Test
  void globalSettingsAreOnlyTurnedOnAndTheOthersIgnored() throws Exception {
    var management = module(plan(Catalogues.ORGANIZATION), "management").management();
    assertThat(management.globalSettings()).containsExactly(java.util.Map.entry("isCrossAccountBackupEnabled", "true"));
    assertThat(management.unmanagedGlobalSettings()).containsExactly("isDelegatedAdministratorEnabled", "isMpaEnabled");
    assertThat(render(Catalogues.ORGANIZATION).get("management/organizations.tf")).contains("global_settings[\"isMpaEnabled\"],");
    String off = organizationWith("  cross_account_backup: true\n", "  cross_account_backup: false\n")
        .replace("        copy_to:\n          - vault: Central\n            lifecycle: {delete_after_days: 365}\n", "");
    assertThat(render(off).get("management/organizations.tf")).doesNotContain("aws_backup_global_settings");
  }

  // 8. The deny cannot be bypassed by replacing the vault policy; break-glass keeps its path.
  @Test
  void theVaultPolicyProtectsItselfAndExemptsTheBreakGlassRoleWithItsPath() throws Exception {
    String yaml = organizationWith("    lock: {mode: governance, min_retention_days: 7, max_retention_days: 400}\n",
        "    lock: {mode: governance, min_retention_days: 7, max_retention_days: 400}\n"
            + "    access_policy: {break_glass_role: /ops/BreakGlass}\n");
    var vault = module(plan(yaml), "accounts/app").vaults().get(0);
    JsonNode guard = statement(vault.accessPolicy().text(), "DenyRemovingThisProtection");
    assertThat(guard.get("Action").toString()).contains("backup:PutBackupVaultAccessPolicy", "backup:DeleteBackupVaultAccessPolicy",
        "backup:DeleteBackupVault", "backup:DeleteBackupVaultLockConfiguration");
    assertThat(guard.get("Condition").get("ArnNotLike").get("aws:PrincipalArn").toString())
        .contains("arn:aws:iam::345678901234:role/ops/BreakGlass", "${data.aws_iam_session_context.deployer.issuer_arn}");
    assertThat(statement(vault.accessPolicy().text(), "DenyDeletingOrShorteningRecoveryPoints").get("Condition").toString())
        .contains("arn:aws:iam::345678901234:role/ops/BreakGlass").doesNotContain("deployer");
    assertThat(render(yaml).get("accounts/app/vaults.tf")).contains("data \"aws_iam_session_context\" \"deployer\"")
        .contains("\"${data.aws_iam_session_context.deployer.issuer_arn}\"");
  }

  // 9. One resource policy per organization: say so, and let the catalogue merge its statements in.
  @Test
  void theCataloguesOwnStatementsAreMergedIntoTheResourcePolicy() throws Exception {
    String yaml = organizationWith("  central_backup_account: central\n", "  central_backup_account: central\n"
        + "  resource_policy_statements:\n"
        + "    - sid: TagPolicyDelegation\n      effect: Allow\n      principal: {AWS: [\"arn:aws:iam::123456789101:root\"]}\n"
        + "      action: [\"organizations:CreatePolicy\"]\n      resource: [\"*\"]\n"
        + "      condition: {StringEquals: {\"organizations:PolicyType\": [TAG_POLICY]}}\n");
    var policy = module(plan(yaml), "management").management().resourcePolicy().text();
    assertThat(statement(policy, "TagPolicyDelegation").get("Condition").toString()).contains("TAG_POLICY");
    assertThat(render(yaml).get("management/organizations.tf")).contains("REPLACES any resource");
    assertThat(headlines(yaml.replace("\"arn:aws:iam::123456789101:root\"", "\"*\""))).anyMatch(h ->
        h.contains("error[BC112]: a wildcard principal lets anyone the condition does not stop in"));
  }

  // 10. Organization backup policies have no time zone.
  @Test
  void aTimeZoneIsRejectedInOrganizationPlans() {
    assertThat(headlines(organizationWith("        schedule: cron(0 3 ? * * *)\n",
        "        schedule: cron(0 3 ? * * *)\n        timezone: Europe/London\n"))).contains(
        F + "29:19: error[BC245]: an organization backup policy has no time zone: AWS runs 'cron(0 3 ? * * *)' in UTC");
  }

  // 11. Restore: the central account may copy back, and the central key is shared for it.
  @Test
  void recoveryPointsCanBeCopiedBackFromTheCentralAccount() throws Exception {
    var output = plan(Catalogues.ORGANIZATION);
    var app = module(output, "accounts/app").vaults().get(0);
    assertThat(app.restoresFrom()).isEqualTo("central");
    JsonNode back = statement(app.accessPolicy().text(), "AllowTheCentralAccountToCopyBackForRestores");
    assertThat(back.get("Principal").get("AWS").asText()).isEqualTo("arn:aws:iam::210987654321:root");
    assertThat(back.get("Condition").get("StringEquals").get("aws:PrincipalOrgID").asText()).isEqualTo("o-a1b2c3d4e5");
    var centralKey = module(output, "accounts/central").keys().get(0).policy().text();
    assertThat(statement(centralKey, "ShareTheKeyWithTheSourceAccountsForCopiesBack").get("Principal").get("AWS").asText())
        .isEqualTo("arn:aws:iam::345678901234:root");
    assertThat(render(Catalogues.ORGANIZATION).get("accounts/central/README.md")).contains("aws backup start-copy-job");
  }

  // 12. The module's own role by reference; continuous backup on types without PITR warns.
  @Test
  void aKeyPolicyNamesItsOwnRoleByReference() throws Exception {
    var key = module(plan(Catalogues.ORGANIZATION), "accounts/app").keys().get(0).policy();
    assertThat(key.references()).containsExactly("aws_iam_role.backup.arn");
    assertThat(render(Catalogues.ORGANIZATION).get("accounts/app/kms.tf")).contains("\"AWS\": \"${aws_iam_role.backup.arn}\"")
        .doesNotContain("role/BackupCatalogueRole\"");
  }

  @Test
  void continuousBackupOnTypesWithoutPointInTimeRestoreWarns() {
    assertThat(headlines(organizationWith("resource_types: [RDS]", "resource_types: [RDS, EBS]")
        .replace("        lifecycle: {delete_after_days: 35}\n", "        lifecycle: {delete_after_days: 35}\n        continuous_backup: true\n")
        .replace("        copy_to:\n          - vault: Central\n            lifecycle: {delete_after_days: 365}\n", "")))
        .anyMatch(h -> h.contains("warning[BC306]: continuous backup (point-in-time restore) exists for RDS, Aurora, S3 and "
            + "SAP HANA only; plan 'Daily' also selects EBS"));
  }

  // 13. Self-copy in multi-region plans; key policy size as sent.
  @Test
  void aCopyIntoTheRulesOwnVaultInAnotherPlanRegionIsACopyOntoItself() {
    String yaml = organizationWith("        copy_to:\n          - vault: Central\n",
        "        copy_to:\n          - vault: Local\n            region: eu-central-1\n          - vault: Central\n            region: eu-west-1\n")
        .replace("    regions: [eu-west-1]\n    rules:", "    regions: [eu-west-1, eu-central-1]\n    rules:")
        .replace("regions: [eu-west-1]}", "regions: [eu-west-1, eu-central-1]}");
    assertThat(headlines(yaml)).anyMatch(h -> h.contains("error[BC236]: rule 'Nightly' copies into the vault it backs up to, "
        + "in the same region (eu-central-1, where plan 'Daily' also runs)"));
  }

  @Test
  void theKeyPolicyIsMeasuredAsSentNotAsPrettyPrinted() {
    var key = module(plan(Catalogues.ORGANIZATION), "accounts/central").keys().get(0).policy();
    assertThat(key.sentBytes()).isLessThan(key.text().length());
  }

  // Review: RDS and Aurora cannot cross a Region and an account in one copy action.
  @Test
  void rdsCopiesCannotCrossARegionAndAnAccountAtOnce() {
    String yaml = organizationWith("        copy_to:\n          - vault: Central\n",
        "        copy_to:\n          - vault: Central\n            region: eu-west-1\n")
        .replace("    regions: [eu-west-1]\n    rules:", "    regions: [eu-west-1, eu-central-1]\n    rules:")
        .replace("regions: [eu-west-1]}", "regions: [eu-west-1, eu-central-1]}");
    assertThat(headlines(yaml)).anyMatch(h -> h.contains("error[BC246]: copies from eu-central-1 to central vault 'Central' in "
        + "eu-west-1 cross a Region and an account in one copy action, which AWS Backup does not support for RDS"));
  }

  // Review: the coverage check reads the accounts' State (Status was retired on 9 September 2026).
  @Test
  void theCoverageCheckReadsTheAccountsState() throws Exception {
    assertThat(render(Catalogues.ORGANIZATION).get("policies/checks.tf")).contains("a.state == \"ACTIVE\"")
        .doesNotContain("a.status");
  }
}
