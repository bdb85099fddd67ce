package io.github.backupcatalogue.effective;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.backupcatalogue.Catalogues;
import io.github.backupcatalogue.TestFiles;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.Lifecycle;
import io.github.backupcatalogue.catalogue.Plan;
import io.github.backupcatalogue.diagnostics.SourceFile;
import io.github.backupcatalogue.load.CatalogueLoader;
import io.github.backupcatalogue.plan.Json;
import java.nio.file.Files;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class EffectivePoliciesTest {

  static Catalogue sample(String name) throws Exception {
    String yaml = Files.readString(TestFiles.sample(name));
    var loaded = new CatalogueLoader().load(new SourceFile("backup-catalogue.yaml", yaml));
    assertThat(loaded.problems()).isEmpty();
    return loaded.catalogue().orElseThrow();
  }

  @Test
  void everyAccountGetsThePlansOfThePoliciesOnItsPathRootFirst() throws Exception {
    Catalogue c = sample("management-policies");
    SortedMap<String, EffectiveAccountPolicy> all = EffectivePolicies.of(c);

    assertThat(all.keySet()).containsExactly("ledger", "management", "shop");
    EffectiveAccountPolicy ledger = all.get("ledger");
    assertThat(ledger.policies()).containsExactly("org-baseline", "workloads-retention", "ledger-retention");
    assertThat(ledger.plans().keySet()).containsExactly("Everything-Daily", "Ledger-Monthly");
    assertThat(ledger.plans().get("Ledger-Monthly")).isSameAs(c.plans().get("Ledger-Monthly"));
    assertThat(ledger.planSources().get("Ledger-Monthly")).isEqualTo(new Source("ledger-retention", "/policies/ledger-retention/plans/0"));
    assertThat(ledger.findings()).isEmpty();
    assertThat(all.get("shop").plans().keySet()).containsExactly("Everything-Daily");
    // The root's value for management; the layered policy on the workloads OU's for shop.
    assertThat(all.get("management").effective().at("/plans/Everything-Daily/rules/daily/lifecycle/delete_after_days").asText()).isEqualTo("120");
    assertThat(all.get("management").valueSources().get("/plans/Everything-Daily/rules/daily/lifecycle/delete_after_days"))
        .isEqualTo(new Source("org-baseline", "/plans/Everything-Daily/rules/daily/lifecycle/delete_after_days"));
    assertThat(all.get("shop").effective().at("/plans/Everything-Daily/rules/daily/lifecycle/delete_after_days").asText()).isEqualTo("365");
    assertThat(all.get("shop").valueSources().get("/plans/Everything-Daily/rules/daily/lifecycle/delete_after_days"))
        .isEqualTo(new Source("workloads-retention", "/policies/workloads-retention/extends/plans/Everything-Daily/rules/daily/lifecycle/delete_after_days"));
    assertThat(all.get("shop").valueSources().get("/plans/Everything-Daily/selections/resources/tables/resource_types"))
        .isEqualTo(new Source("workloads-retention", "/policies/workloads-retention/extends/plans/Everything-Daily/add_selections/tables"));
    assertThat(all.get("shop").valueSources().get("/plans/Everything-Daily/rules/daily/schedule_expression"))
        .isEqualTo(new Source("org-baseline", "/plans/Everything-Daily/rules/daily/schedule"));
    Plan shopDaily = all.get("shop").plans().get("Everything-Daily");
    assertThat(shopDaily.rules().get("daily").lifecycle()).isEqualTo(new Lifecycle(30, 365, true));
    assertThat(shopDaily.rules().get("daily").copyTo().get(0).lifecycle()).isEqualTo(new Lifecycle(null, 30, false));
    assertThat(shopDaily.selections().keySet()).containsExactly("all-but-scratch", "tables");
    assertThat(all.get("management").plans().get("Everything-Daily")).isSameAs(c.plans().get("Everything-Daily"));
  }

  @Test
  void theEffectivePolicyIsTheGeneratedDocumentWithoutOperatorsWhenOnePolicyReachesTheAccount() throws Exception {
    Catalogue c = sample("management-policies");
    var shop = EffectivePolicies.of(c).get("management");
    var document = io.github.backupcatalogue.plan.BackupPolicyDocuments.document(c, "org-baseline");
    assertThat(Json.pretty(shop.effective())).isEqualTo(Json.pretty(Stripped.of(document)));
  }

  @Test
  void policyLevelsFollowTheOuPathTopDown() {
    String yaml = Catalogues.organizationWith("    workloads: {id: ou-a1b2-22222222}\n",
        "    workloads: {id: ou-a1b2-22222222}\n    prod: {id: ou-a1b2-33333333, parent: workloads}\n").replace("app: {id: \"345678901234\", ou: workloads", "app: {id: \"345678901234\", ou: prod")
        .replace("""
            baseline:
              plans: [Daily]
              attach_to: {organizational_units: [workloads]}
          """, """
            on-account:
              plans: [Daily]
              attach_to: {accounts: [app]}
            on-prod:
              plans: [Daily]
              attach_to: {organizational_units: [prod]}
            on-root:
              plans: [Daily]
              attach_to: {root: true}
              child_policies: [all]
            on-workloads:
              plans: [Daily]
              attach_to: {organizational_units: [workloads]}
              child_policies: [all]
          """);
    assertThat(Catalogues.headlines(yaml)).noneMatch(h -> h.contains(": error["));
    Catalogue c = Catalogues.load(yaml).catalogue().orElseThrow();
    assertThat(EffectivePolicies.policyLevels(c, "app"))
        .isEqualTo(List.of(List.of("on-root"), List.of("on-workloads"), List.of("on-prod"), List.of("on-account")));
    assertThat(EffectivePolicies.policyLevels(c, "central")).isEqualTo(List.of(List.of("on-root")));
  }
}
