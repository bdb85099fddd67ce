package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The whole {@code backup-catalogue.yaml}, bound from YAML. Either {@code organization} (a
 * multi-account AWS Organization with backup policies) or {@code account} (one account that gets
 * backup plans directly) is set, never both.
 *
 * @param version the format version, always 1 for now
 * @param organization the AWS Organization, its OUs and accounts
 * @param account the single account, when there is no organization
 * @param settings AWS Backup's organization-wide settings
 * @param deployment how the generated Terraform reaches each account
 * @param backupRole the IAM role AWS Backup uses in every account
 * @param vaults vault definitions by vault name
 * @param plans backup plans by plan name
 * @param policies organization backup policies by policy name
 * @param dataClassification the tag that maps data classifications to plans
 * @param acknowledge warnings the catalogue accepts, each with its code, place and reason
 */
public record Catalogue(
    @JsonProperty(required = true) Integer version,
    Organization organization,
    SingleAccount account,
    Settings settings,
    Deployment deployment,
    BackupRole backupRole,
    @JsonProperty(required = true) Map<String, Vault> vaults,
    @JsonProperty(required = true) Map<String, Plan> plans,
    Map<String, Policy> policies,
    DataClassification dataClassification,
    List<Acknowledgement> acknowledge) {

  public Catalogue {
    settings = Immutables.orDefault(settings, new Settings(null, null));
    deployment = Immutables.orDefault(deployment, new Deployment(null, null, null));
    backupRole = Immutables.orDefault(backupRole, new BackupRole(null, null, null));
    vaults = Immutables.map(vaults);
    plans = Immutables.map(plans);
    policies = Immutables.map(policies);
    acknowledge = Immutables.list(acknowledge);
  }

  /** True when the catalogue describes one account that gets plans directly. */
  public boolean singleAccount() {
    return organization == null;
  }
}
