package io.github.backupcatalogue.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.backupcatalogue.Catalogues;
import io.github.backupcatalogue.TestFiles;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Layered policies (policies.*.extends): each rule on a broken copy of the management-policies sample. */
class PolicyExtensionRulesTest {

  private static final String F = "backup-catalogue.yaml:";

  private static String sample() throws Exception {
    return Files.readString(TestFiles.sample("management-policies"));
  }

  private static String sampleWith(String from, String to) throws Exception {
    String yaml = sample();
    assertThat(yaml).contains(from);
    return yaml.replace(from, to);
  }

  private static java.util.List<String> layering(String yaml) {
    return Catalogues.headlines(yaml).stream().filter(h -> h.contains("[BC13")).toList();
  }

  @Test
  void theLayeredSampleIsValid() throws Exception {
    assertThat(Catalogues.headlines(sample())).noneMatch(h -> h.contains("error[") || h.contains("BC13") || h.contains("BC34"));
  }

  @Test
  void aChangeTheParentDoesNotAllowIsAnErrorAtTheLineThatTriesIt() throws Exception {
    String yaml = sampleWith("    child_policies: [override, append]\n", "    child_policies: [append]\n");
    assertThat(layering(yaml)).containsExactly(F + "94:27: error[BC130]: policy 'workloads-retention' changes"
        + " plans.Everything-Daily.rules.daily.lifecycle.delete_after_days with override, which policy 'org-baseline' does"
        + " not allow (its child_policies: [append]); AWS would ignore the change in ledger");
  }

  @Test
  void removingNeedsRemoveAndAddingAKeyNeedsAppendOrOverride() throws Exception {
    String yaml = sampleWith("    child_policies: [override, append]\n", "    child_policies: [override]\n")
        .replace("            daily:\n              lifecycle: {delete_after_days: 365}\n",
            "            daily:\n              lifecycle: {delete_after_days: 365}\n          regions: {remove: [us-west-2]}\n");
    assertThat(layering(yaml)).containsExactly(
        F + "95:11: error[BC130]: policy 'workloads-retention' changes plans.Everything-Daily.regions with remove, which"
            + " policy 'org-baseline' does not allow (its child_policies: [override]); AWS would ignore the change in ledger");
    String onlyRemove = sampleWith("    child_policies: [override, append]\n", "    child_policies: [remove]\n");
    assertThat(layering(onlyRemove)).containsExactly(
        F + "94:27: error[BC130]: policy 'workloads-retention' changes plans.Everything-Daily.rules.daily.lifecycle.delete_after_days"
            + " with override, which policy 'org-baseline' does not allow (its child_policies: [remove]); AWS would ignore the change in ledger",
        F + "96:13: error[BC130]: policy 'workloads-retention' changes plans.Everything-Daily.selections.resources.tables with"
            + " append, which policy 'org-baseline' does not allow (its child_policies: [remove]); AWS would ignore the change in ledger");
  }

  @Test
  void whatExtendsNamesMustExist() throws Exception {
    String yaml = sampleWith("      policy: org-baseline\n", "      policy: org-baselin\n");
    assertThat(layering(yaml)).containsExactly(F + "89:15: error[BC131]: unknown policy 'org-baselin'; did you mean 'org-baseline'?");
    String rule = sampleWith("            daily:\n              lifecycle: {delete_after_days: 365}\n",
        "            nightly:\n              lifecycle: {delete_after_days: 365}\n");
    assertThat(layering(rule)).containsExactly(F + "93:13: error[BC131]: unknown rule of plan 'Everything-Daily' 'nightly'");
  }

  @Test
  void theExtendedPolicyMustReachEveryAccountFromHigherUp() throws Exception {
    String yaml = sampleWith("    attach_to: {organizational_units: [workloads]}\n    extends:\n",
        "    attach_to: {root: true}\n    extends:\n");
    assertThat(layering(yaml)).containsExactly(F + "89:15: error[BC132]: policy 'org-baseline' does not reach ledger,"
        + " management, shop from higher up the tree than policy 'workloads-retention', so there is nothing to change there");
  }

  @Test
  void overrideStandsAloneAndAPolicyCarriesOrExtendsSomething() throws Exception {
    String yaml = sampleWith("            daily:\n              lifecycle: {delete_after_days: 365}\n",
        "            daily:\n              lifecycle: {delete_after_days: 365}\n          regions: {override: [us-east-1], append: [us-west-2]}\n")
        .replace("    plans: [Ledger-Monthly]\n", "");
    assertThat(layering(yaml)).containsExactly(
        F + "95:11: error[BC133]: override replaces the whole list, so it cannot go with append or remove",
        F + "99:3: error[BC134]: policy 'ledger-retention' carries no plans and extends no policy");
  }

  @Test
  void addedSelectionsAndChangedLifecyclesAreCheckedAsThePlansOwn() throws Exception {
    String yaml = sampleWith("              lifecycle: {delete_after_days: 365}\n", "              lifecycle: {delete_after_days: 100}\n")
        .replace("              resource_types: [DynamoDB]\n", "              resource_types: [DynamoBD]\n");
    assertThat(layering(yaml)).containsExactly(F + "94:15: error[BC135]: with the change, recovery points of rule 'daily' are"
        + " deleted after 100 days but move to cold storage after 30; AWS needs 90 days in cold storage");
    assertThat(Catalogues.headlines(yaml)).contains(F + "97:32: error[BC243]: 'DynamoBD' is not a resource type this catalogue"
        + " knows; did you mean 'DynamoDB'?");
  }

  private static java.util.List<String> locks(String yaml) {
    return Catalogues.headlines(yaml).stream().filter(h -> h.contains("[BC214]")).toList();
  }

  @Test
  void changedRetentionMustFitTheLockOfTheVaultItGoesTo() throws Exception {
    // Primary's lock keeps recovery points at most 3650 days
    String longer = sampleWith("              lifecycle: {delete_after_days: 365}\n", "              lifecycle: {delete_after_days: 4000}\n");
    assertThat(locks(longer)).containsExactly(F + "94:46: error[BC214]: with the change, recovery points of rule 'daily' kept"
        + " 4000 days go to vault 'Primary', whose lock allows at most 3650 days; every job would fail");
    // a new vault keeps the inherited 120 days, below Ledger-Archive's 2555-day minimum: the error is at the vault
    String moved = sampleWith("              lifecycle: {delete_after_days: 365}\n", "              vault: Ledger-Archive\n");
    assertThat(locks(moved)).containsExactly(F + "94:22: error[BC214]: with the change, recovery points of rule 'daily' kept"
        + " 120 days go to vault 'Ledger-Archive', whose lock requires at least 2555 days; every job would fail");
  }

  @Test
  void addedCopiesMustFitTheLockOfTheirDestination() throws Exception {
    // Replica's lock keeps copies at least 7 days; without a lifecycle the copy keeps the changed rule's 365 days
    String yaml = sampleWith("              lifecycle: {delete_after_days: 365}\n", "              lifecycle: {delete_after_days: 365}\n"
        + "              add_copies:\n"
        + "                - {vault: Replica, region: us-east-1, lifecycle: {delete_after_days: 3}}\n"
        + "                - {vault: Ledger-Archive, region: us-east-1}\n");
    assertThat(locks(yaml)).containsExactly(
        F + "96:86: error[BC214]: copies added to rule 'daily' kept 3 days go to vault 'Replica', whose lock requires at"
            + " least 7 days; every job would fail",
        F + "97:27: error[BC214]: copies added to rule 'daily' kept 365 days go to vault 'Ledger-Archive', whose lock requires"
            + " at least 2555 days; every job would fail");
  }

  @Test
  void copiesAddedIntoTheCentralAccountNeedItsWiring() throws Exception {
    // a central vault that lets no copies in, and cross-account backup left off: both would fail every added copy
    String yaml = sampleWith("  policy_management: management_account\n",
        "  policy_management: management_account\n  central_backup_account: ledger\n")
        .replace("vaults:\n", "vaults:\n  Central:\n    location: central_account\n"
            + "    access_policy: {allow_copy_from_organization: false}\n")
        .replace("              lifecycle: {delete_after_days: 365}\n", "              lifecycle: {delete_after_days: 365}\n"
            + "              add_copies: [{vault: Central, region: us-east-1}]\n");
    assertThat(Catalogues.headlines(yaml).stream().filter(h -> h.contains("[BC23")).toList()).containsExactly(
        F + "99:36: error[BC232]: copies go to another account, but settings.cross_account_backup is off",
        F + "99:36: error[BC238]: copies go to vault 'Central' from other accounts, but its access policy does not allow"
            + " copies in; every copy job would fail with AccessDenied");
  }
}
