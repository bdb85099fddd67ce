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
 * @param notifications the vault events published to an SNS topic, if any
 * @param airGapped makes it a logically air-gapped vault, with its retention bounds and RAM sharing
 */
public record Vault(
    @Doc(value = "Whether the vault lives in every member account in scope or in the central backup account (default member accounts).", defaultValue = "member_accounts") VaultLocation location,
    @Doc("The vault's KMS key.") Encryption encryption,
    @Doc("The vault lock, if any.") VaultLock lock,
    @Doc("What the vault's access policy allows and denies.") AccessPolicy accessPolicy,
    @Doc("Tags for the vault.") Map<String, String> tags,
    @Doc("The vault events published to an SNS topic of notifications.topics.") VaultNotifications notifications,
    @Doc("Makes it a logically air-gapped vault: min_retention_days and max_retention_days (required), share_with (RAM).") AirGap airGapped) {

  public Vault {
    location = Immutables.orDefault(location, VaultLocation.MEMBER_ACCOUNTS);
    encryption = Immutables.orDefault(encryption, new Encryption(null, null, null, null));
    accessPolicy = Immutables.orDefault(accessPolicy, new AccessPolicy(null, null, null));
    tags = Immutables.map(tags);
  }

  /** The lock that bounds retention in the vault: its own, or AWS's compliance lock of an air-gapped vault. */
  public VaultLock effectiveLock() {
    return airGapped != null ? airGapped.asLock() : lock;
  }
}
