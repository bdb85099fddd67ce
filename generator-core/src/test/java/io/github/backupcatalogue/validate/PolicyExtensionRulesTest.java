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
}
