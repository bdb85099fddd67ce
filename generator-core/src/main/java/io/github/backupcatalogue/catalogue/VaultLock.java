package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A vault lock.
 *
 * @param mode governance (removable by privileged users) or compliance (irreversible after
 *     {@code changeable_for_days})
 * @param minRetentionDays the shortest retention a recovery point in the vault may have
 * @param maxRetentionDays the longest retention a recovery point in the vault may have
 * @param changeableForDays compliance mode only: the grace period (at least 3 days) before the lock
 *     becomes immutable
 * @param acknowledgeIrreversible compliance mode only: must be true, to show the reviewer knows the
 *     vault can then never be deleted while it holds recovery points
 */
public record VaultLock(
    @JsonProperty(required = true) LockMode mode,
    Integer minRetentionDays,
    Integer maxRetentionDays,
    Integer changeableForDays,
    Boolean acknowledgeIrreversible) {

  public VaultLock {
    acknowledgeIrreversible = Immutables.orDefault(acknowledgeIrreversible, false);
  }
}
