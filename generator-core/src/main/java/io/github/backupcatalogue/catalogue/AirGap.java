package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Makes a vault a logically air-gapped vault ({@code aws_backup_logically_air_gapped_vault}):
 * locked in compliance mode by AWS from creation, encrypted with an AWS owned key (or the
 * customer-managed key of {@code encryption.key: existing}), and shared through AWS RAM with the
 * accounts that restore from it ("Logically air-gapped vault", AWS Backup Developer Guide).
 *
 * @param minRetentionDays the shortest retention of its recovery points, at least 7
 * @param maxRetentionDays the longest retention of its recovery points
 * @param shareWith accounts the vault is shared with through AWS RAM (default the accounts copying into it)
 */
public record AirGap(
    @Doc(value = "The shortest retention of its recovery points, at least 7 (AWS's minimum).", minimum = 7, example = "30") @JsonProperty(required = true) Integer minRetentionDays,
    @Doc(value = "The longest retention of its recovery points.", minimum = 7, maximum = 36500, example = "3650") @JsonProperty(required = true) Integer maxRetentionDays,
    @Doc(value = "Account names the vault is shared with through AWS RAM, to restore from it (default the accounts copying into it).", example = "[payments-prod]") List<String> shareWith) {

  public AirGap {
    shareWith = shareWith == null ? null : List.copyOf(shareWith);
  }

  /** The lock AWS gives the vault: compliance mode with these retentions, for the retention checks. */
  public VaultLock asLock() {
    return new VaultLock(LockMode.COMPLIANCE, minRetentionDays, maxRetentionDays, null, true);
  }
}
