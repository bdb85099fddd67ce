package io.github.backupcatalogue.catalogue;

import java.util.Map;

/**
 * A backup vault definition, created in every account and region that needs it.
 *
 * @param location whether the vault lives in every member account in scope or in the central
 *     backup account (default member accounts)
 * @param encryption the vault's KMS key
 * @param lock the vault lock, if any
 * @param accessPolicy what the vault's access policy allows and denies
 * @param tags tags for the vault
 */
public record Vault(
    VaultLocation location, Encryption encryption, VaultLock lock, AccessPolicy accessPolicy, Map<String, String> tags) {

  public Vault {
    location = Immutables.orDefault(location, VaultLocation.MEMBER_ACCOUNTS);
    encryption = Immutables.orDefault(encryption, new Encryption(null, null, null, null));
    accessPolicy = Immutables.orDefault(accessPolicy, new AccessPolicy(null, null, null));
    tags = Immutables.map(tags);
  }
}
