package io.github.backupcatalogue.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.backupcatalogue.Catalogues;
import io.github.backupcatalogue.plan.Model.Dependency;
import io.github.backupcatalogue.plan.Model.Module;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dependencies the planner derives, and the levels that follow from them. */
class ApplyDependenciesTest {

  private static final String COPY = "        copy_to:\n          - vault: Central\n            lifecycle: {delete_after_days: 365}\n";

  private static Model.Output plan(String yaml) {
    return Planner.plan(Catalogues.load(yaml).catalogue().orElseThrow(), "backup-catalogue.yaml");
  }

  private static Map<String, List<String>> dependencies(Model.Output output) {
    return output.modules().stream().collect(java.util.stream.Collectors.toMap(Module::path,
        m -> m.dependsOn().stream().map(Dependency::path).toList(), (a, b) -> a, java.util.TreeMap::new));
  }

  @Test
  void theBaseOrganizationHasThreeLevels() {
    Model.Output output = plan(Catalogues.ORGANIZATION);
    assertThat(output.levels().stream().map(l -> l.stream().map(Module::path).toList()).toList()).containsExactly(
        List.of("management", "accounts/app"), List.of("accounts/central"), List.of("policies"));
    assertThat(dependencies(output)).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
        "management", List.of(),
        "accounts/app", List.of(),
        "accounts/central", List.of("accounts/app"),
        "policies", List.of("management", "accounts/app", "accounts/central"))));
    Module central = output.modules().get(2);
    assertThat(central.dependsOn().get(0).reason()).isEqualTo("the key policy of vault Central (eu-west-1) names the backup "
        + "role arn:aws:iam::345678901234:role/BackupCatalogueRole, and KMS rejects a key policy whose principals "
        + "do not exist");
  }

  @Test
  void withoutCopiesTheCentralAccountNeedsNobody() {
    // No copy_to: nothing names the member's role outside its own module; the policy needs only the member.
    Model.Output output = plan(Catalogues.organizationWith(COPY, ""));
    assertThat(dependencies(output).get("policies")).containsExactly("management", "accounts/app");
    assertThat(output.levels()).hasSize(2);
  }

  @Test
  void policiesFromTheManagementAccountWithoutCopiesDoNotWaitForIt() {
    Model.Output output = plan(Catalogues.organizationWith(COPY, "").replace("  delegated_administrators: [backup-admin]\n", ""));
    assertThat(dependencies(output).get("policies")).containsExactly("accounts/app");
    assertThat(output.modules().stream().filter(m -> m.path().equals("policies")).findFirst().orElseThrow().dependsOn()
        .get(0).reason()).isEqualTo("backup policy baseline (attached to organizational unit workloads) runs its plans in "
            + "account app with the backup role and the vaults this module creates, which must exist");
  }

  @Test
  void aCycleIsReportedWithItsModules() {
    Model.Output output = plan(Catalogues.ORGANIZATION);
    Map<String, List<Dependency>> cyclic = Map.of(
        "management", List.of(new Dependency("policies", "planted")),
        "accounts/app", List.of(),
        "accounts/central", List.of(new Dependency("accounts/app", "x")),
        "policies", List.of(new Dependency("accounts/central", "x"), new Dependency("management", "x")));
    assertThatThrownBy(() -> ApplyDependencies.levels(output.modules(), cyclic))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("modules depend on each other in a cycle: management -> policies -> management");
  }
}
