package io.github.backupcatalogue.catalogue;

import java.util.List;

/**
 * One AWS Backup Audit Manager control the organization requires, keyed in {@code controls} by
 * its AWS name (e.g. {@code BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK}). Each parameter
 * belongs to the controls AWS documents it for (see the README's controls reference); a parameter
 * left out takes AWS's default.
 *
 * @param scope which accounts and resources the control covers (default: every account that
 *     receives backup plans, all resources)
 * @param requiredFrequencyUnit {@code hours} or {@code days}: with {@code required_frequency_value},
 *     how often a backup plan must back up at least
 * @param requiredFrequencyValue how many hours or days may pass between two backups at most
 * @param requiredRetentionDays the shortest retention a backup plan rule or recovery point may have
 * @param principalArnList the IAM roles (at most 5) still allowed to delete recovery points by hand
 * @param crossRegionList the regions a cross-region copy must go to (any other region when left out)
 * @param crossAccountList the account ids a cross-account copy must go to (any other account when
 *     left out)
 * @param minRetentionDays the smallest minimum retention a vault lock may enforce
 * @param maxRetentionDays the largest maximum retention a vault lock may enforce
 * @param recoveryPointAgeUnit {@code hours} or {@code days}: with {@code recovery_point_age_value},
 *     how recent the last recovery point must be
 * @param recoveryPointAgeValue how many hours or days old the last recovery point may be at most
 * @param maxRestoreTime the longest a restore may take, in minutes
 */
public record Control(
    @Doc("Which accounts and resources the control covers (default: every account that receives backup plans, all resources).") ControlScope scope,
    @Doc(value = "Hours or days: with required_frequency_value, how often a backup plan must back up at least.", defaultValue = "days", pattern = "^(hours|days)$", example = "days") String requiredFrequencyUnit,
    @Doc(value = "How many hours or days may pass between two backups at most.", defaultValue = "1", minimum = 1, maximum = 744, example = "1") Integer requiredFrequencyValue,
    @Doc(value = "The shortest retention a backup plan rule or recovery point may have, in days.", defaultValue = "35", minimum = 1, maximum = 36500, example = "35") Integer requiredRetentionDays,
    @Doc(value = "The IAM roles (at most 5) still allowed to delete recovery points by hand.", defaultValue = "[]", example = "[arn:aws:iam::012345678901:role/BackupBreakGlass]") List<String> principalArnList,
    @Doc(value = "The regions a cross-region copy must go to (any other region when left out).", defaultValue = "[]", example = "[eu-central-1]") List<String> crossRegionList,
    @Doc(value = "The account ids a cross-account copy must go to (any other account when left out).", defaultValue = "[]", example = "[\"210987654321\"]") List<String> crossAccountList,
    @Doc(value = "The smallest minimum retention a vault lock may enforce, in days.", minimum = 1, maximum = 36500, example = "7") Integer minRetentionDays,
    @Doc(value = "The largest maximum retention a vault lock may enforce, in days.", minimum = 1, maximum = 36500, example = "3650") Integer maxRetentionDays,
    @Doc(value = "Hours or days: with recovery_point_age_value, how recent the last recovery point must be.", defaultValue = "days", pattern = "^(hours|days)$", example = "days") String recoveryPointAgeUnit,
    @Doc(value = "How many hours or days old the last recovery point may be at most.", defaultValue = "1", minimum = 1, maximum = 744, example = "1") Integer recoveryPointAgeValue,
    @Doc(value = "The longest a restore may take, in minutes.", defaultValue = "720", minimum = 1, maximum = 52560000, example = "720") Integer maxRestoreTime) {

  public Control {
    scope = Immutables.orDefault(scope, new ControlScope(null, null, null, null));
    principalArnList = Immutables.list(principalArnList);
    crossRegionList = Immutables.list(crossRegionList);
    crossAccountList = Immutables.list(crossAccountList);
  }
}
