package io.github.backupcatalogue.validate;

import java.util.List;
import java.util.Map;

/**
 * AWS Backup's vault events (BackupVaultEvents of PutBackupVaultNotifications, AWS Backup API
 * Reference; "Using Amazon SNS to track AWS Backup events", AWS Backup Developer Guide): the events
 * AWS still sends, and the deprecated ones the API still accepts but never sends.
 */
public final class BackupVaultEvents {

  /**
   * The events AWS Backup sends, in the API reference's order (GetBackupVaultNotifications' valid
   * values: continuous backups interrupted and backup index events came with search, 2025).
   */
  public static final List<String> SUPPORTED = List.of("BACKUP_JOB_STARTED", "BACKUP_JOB_COMPLETED", "COPY_JOB_STARTED",
      "COPY_JOB_SUCCESSFUL", "COPY_JOB_FAILED", "RESTORE_JOB_STARTED", "RESTORE_JOB_COMPLETED", "RECOVERY_POINT_MODIFIED",
      "S3_BACKUP_OBJECT_FAILED", "S3_RESTORE_OBJECT_FAILED", "CONTINUOUS_BACKUP_INTERRUPTED", "RECOVERY_POINT_INDEX_COMPLETED",
      "RECOVERY_POINT_INDEX_DELETED", "RECOVERY_POINT_INDEXING_FAILED");

  /** Events of copy jobs: a copy job runs in the account whose plan starts it, the source. */
  public static final List<String> COPY_JOB = List.of("COPY_JOB_STARTED", "COPY_JOB_SUCCESSFUL", "COPY_JOB_FAILED");

  /** Deprecated events (accepted, never sent), each with the supported event that reports it now. */
  public static final Map<String, String> DEPRECATED = Map.of(
      "BACKUP_JOB_SUCCESSFUL", "BACKUP_JOB_COMPLETED",
      "BACKUP_JOB_FAILED", "BACKUP_JOB_COMPLETED",
      "BACKUP_JOB_EXPIRED", "BACKUP_JOB_COMPLETED",
      "RESTORE_JOB_SUCCESSFUL", "RESTORE_JOB_COMPLETED",
      "RESTORE_JOB_FAILED", "RESTORE_JOB_COMPLETED",
      "BACKUP_PLAN_CREATED", "an EventBridge rule on 'Backup Plan State Change'",
      "BACKUP_PLAN_MODIFIED", "an EventBridge rule on 'Backup Plan State Change'");

  /**
   * The SNS subscription filter policy that drops successful jobs: AWS Backup's completed-job
   * messages carry a State message attribute, COMPLETED for a successful job ("Using Amazon SNS to
   * track AWS Backup events": "Completed notifications include a STATE attribute"); the other events
   * (COPY_JOB_FAILED, RECOVERY_POINT_MODIFIED, S3 object failures, ...) carry none, and a filter that
   * names an attribute drops messages without it ("Amazon SNS subscription filter policies"), so those
   * pass through the second branch ("$or", "Key matching": exists false).
   */
  public static final String FAILURES_ONLY_FILTER =
      "{\"$or\":[{\"State\":[{\"anything-but\":\"COMPLETED\"}]},{\"State\":[{\"exists\":false}]}]}";

  private BackupVaultEvents() {}
}
