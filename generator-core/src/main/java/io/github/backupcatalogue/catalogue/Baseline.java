package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A CloudFormation StackSet (service-managed, automatic deployment) that puts the backup role and
 * the member vaults, with their keys, locks and access policies, into every account of the given
 * OUs that the catalogue does not list, including accounts created later. Its template is
 * generated from the same plan as the per-account modules.
 *
 * @param organizationalUnits the OUs to deploy to (each with every OU below it)
 * @param retainOnAccountRemoval keep the stacks (and so the vaults and recovery points) when an
 *     account leaves an OU (default true)
 */
public record Baseline(
    @Doc("The OUs to deploy to (each with every OU below it).") @JsonProperty(required = true) List<String> organizationalUnits,
    @Doc(value = "Keep the stacks (and so the vaults and recovery points) when an account leaves an OU (default true).", defaultValue = "true") Boolean retainOnAccountRemoval) {

  public Baseline {
    organizationalUnits = Immutables.list(organizationalUnits);
    retainOnAccountRemoval = Immutables.orDefault(retainOnAccountRemoval, true);
  }
}
