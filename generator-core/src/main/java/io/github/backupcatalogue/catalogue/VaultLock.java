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
    @Doc("Governance (removable by privileged users) or compliance (irreversible after changeable_for_days).") @JsonProperty(required = true) LockMode mode,
    @Doc(value = "The shortest retention a recovery point in the vault may have.", minimum = 1, example = "7") Integer minRetentionDays,
    @Doc(value = "The longest retention a recovery point in the vault may have.", minimum = 1, example = "400") Integer maxRetentionDays,
    @Doc(value = "Compliance mode only: the grace period (at least 3 days) before the lock becomes immutable.", minimum = 3, maximum = 36500, example = "3") Integer changeableForDays,
    @Doc("Compliance mode only: must be true, to show the reviewer knows the vault can then never be deleted while it holds recovery points.") Boolean acknowledgeIrreversible) {

  public VaultLock {
    acknowledgeIrreversible = Immutables.orDefault(acknowledgeIrreversible, false);
  }
}
