package io.github.backupcatalogue.catalogue;

/**
 * The intent of a vault's access policy; the generator writes the policy.
 *
 * @param allowCopyFromOrganization let the backup roles of the accounts that copy into this vault
 *     (and only those, only from this organization) copy recovery points in (default: true for
 *     central vaults)
 * @param denyRecoveryPointDeletion deny deleting recovery points and shortening their lifecycle to
 *     everyone but the break-glass role (default true)
 * @param breakGlassRole the name of the role exempt from the deletion deny, in the vault's account
 */
public record AccessPolicy(
    @Doc("Let the backup roles of the accounts that copy into this vault (and only those, only from this organization) copy recovery points in (default: true for central vaults).") Boolean allowCopyFromOrganization,
    @Doc(value = "Deny deleting recovery points and shortening their lifecycle to everyone but the break-glass role (default true).", defaultValue = "true") Boolean denyRecoveryPointDeletion,
    @Doc(value = "The name of the role exempt from the deletion deny, in the vault's account.", example = "/ops/BackupBreakGlass") String breakGlassRole) {

  public AccessPolicy {
    denyRecoveryPointDeletion = Immutables.orDefault(denyRecoveryPointDeletion, true);
  }
}
