package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An AWS account of the organization.
 *
 * @param id the 12-digit account id (quote it in YAML)
 * @param ou the name of the OU the account is in, or {@code root}
 * @param regions the regions the account uses; the first is its home region
 * @param resourceKeys ARNs of the customer-managed KMS keys that encrypt this account's resources
 *     of types AWS Backup does not fully manage (RDS, Aurora, EBS, ...): cross-account copies of
 *     their backups need them shared with the destination account, which the generator does with
 *     KMS grants
 */
public record Account(
    @Doc(value = "The 12-digit account id (quote it in YAML).", pattern = "^[0-9]{12}$", example = "\"012345678901\"") @JsonProperty(required = true) String id,
    @Doc(value = "The name of the OU the account is in, or root.", defaultValue = "root", example = "production") String ou,
    @Doc(value = "The regions the account uses; the first is its home region.", example = "[eu-west-1, eu-central-1]") List<String> regions,
    @Doc(value = "ARNs of the customer-managed KMS keys that encrypt this account's resources of types AWS Backup does not fully manage (RDS, Aurora, EBS, ...): cross-account copies of their backups need them shared with the destination account, which the generator does with KMS grants.", example = "[arn:aws:kms:eu-west-1:012345678901:key/1234abcd-12ab-34cd-56ef-1234567890ab]") List<String> resourceKeys) {

  public Account {
    ou = Immutables.orDefault(ou, Organization.ROOT);
    regions = Immutables.list(regions);
    resourceKeys = Immutables.list(resourceKeys);
  }
}
