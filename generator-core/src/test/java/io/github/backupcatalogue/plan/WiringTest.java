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
}
