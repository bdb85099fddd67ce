package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A backup rule.
 *
 * @param schedule an AWS cron expression, {@code cron(minutes hours day-of-month month day-of-week year)}
 * @param timezone an IANA time zone for the schedule (default UTC)
 * @param startWindowMinutes how long after the scheduled time a job may start, at least 60
 *     (default 480, as the AWS console)
 * @param completionWindowMinutes how long after the scheduled time a job must be done, more than the
 *     start window (default 10080, seven days, as the AWS console)
 * @param continuousBackup point-in-time recovery for supported resources (default false)
 * @param lifecycle retention of the recovery points
 * @param vault the name of the vault the recovery points go to, in the same account
 * @param copyTo copies of each recovery point to other vaults
 * @param recoveryPointTags tags added to each recovery point
 * @param indexResourceTypes resource types whose recovery points get a backup index for search
 *     (EBS, S3; organization backup policies only: index_actions)
 * @param malwareScan scan each new recovery point for malware with Amazon GuardDuty: {@code full} or
 *     {@code incremental} (the plan's {@code malware_scanning} says which types; default: no scan)
 */
public record Rule(
    @Doc(value = "An AWS cron expression, cron(minutes hours day-of-month month day-of-week year).", pattern = "^cron\\(.+\\)$", example = "cron(0 3 ? * * *)") @JsonProperty(required = true) String schedule,
    @Doc(value = "An IANA time zone for the schedule (default UTC).", example = "Europe/London") String timezone,
    @Doc(value = "How long after the scheduled time a job may start, at least 60 (default 480, as the AWS console).", defaultValue = "480", minimum = 60, maximum = 52560000) Integer startWindowMinutes,
    @Doc(value = "How long after the scheduled time a job must be done, more than the start window (default 10080, seven days, as the AWS console).", defaultValue = "10080", minimum = 61, maximum = 52560000) Integer completionWindowMinutes,
    @Doc(value = "Point-in-time recovery for supported resources (default false).", defaultValue = "false") Boolean continuousBackup,
    @Doc("Retention of the recovery points.") @JsonProperty(required = true) Lifecycle lifecycle,
    @Doc(value = "The name of the vault the recovery points go to, in the same account.", example = "BackupMcBackupFace") @JsonProperty(required = true) String vault,
    @Doc("Copies of each recovery point to other vaults.") List<CopyAction> copyTo,
    @Doc("Tags added to each recovery point.") Map<String, String> recoveryPointTags,
    @Doc(value = "Resource types whose recovery points get a backup index for search: EBS, S3 (organization backup policies only: index_actions).", example = "[S3]") List<String> indexResourceTypes,
    @Doc(value = "Scan each new recovery point for malware with Amazon GuardDuty Malware Protection: full (every file) or incremental "
        + "(what changed since the previous scanned recovery point); the plan's malware_scanning says which resource types (default: no scan).",
        example = "incremental") MalwareScanMode malwareScan) {

  public static final int DEFAULT_START_WINDOW_MINUTES = 480;
  public static final int DEFAULT_COMPLETION_WINDOW_MINUTES = 10080;

  public Rule {
    startWindowMinutes = Immutables.orDefault(startWindowMinutes, DEFAULT_START_WINDOW_MINUTES);
    completionWindowMinutes = Immutables.orDefault(completionWindowMinutes, DEFAULT_COMPLETION_WINDOW_MINUTES);
    continuousBackup = Immutables.orDefault(continuousBackup, false);
    copyTo = Immutables.list(copyTo);
    recoveryPointTags = Immutables.map(recoveryPointTags);
    indexResourceTypes = Immutables.list(indexResourceTypes);
  }
}
