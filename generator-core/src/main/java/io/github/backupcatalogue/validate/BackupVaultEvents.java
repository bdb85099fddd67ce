package io.github.backupcatalogue.validate;

import java.util.List;
import java.util.Map;

/**
 * AWS Backup's vault events (BackupVaultEvents of PutBackupVaultNotifications, AWS Backup API
 * Reference; "Using Amazon SNS to track AWS Backup events", AWS Backup Developer Guide): the events
 * AWS still sends, and the deprecated ones the API still accepts but never sends.
 */
public final class BackupVaultEvents {

  /** The events AWS Backup sends, in the API reference's order. */
  public static final List<String> SUPPORTED = List.of("BACKUP_JOB_STARTED", "BACKUP_JOB_COMPLETED", "COPY_JOB_STARTED",
      "COPY_JOB_SUCCESSFUL", "COPY_JOB_FAILED", "RESTORE_JOB_STARTED", "RESTORE_JOB_COMPLETED", "RECOVERY_POINT_MODIFIED",
      "S3_BACKUP_OBJECT_FAILED", "S3_RESTORE_OBJECT_FAILED");

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
   * The SNS subscription filter policy that drops successful jobs: AWS Backup's messages carry a
   * State message attribute, COMPLETED for a successful job ("Using Amazon SNS to track AWS Backup
   * events", examples of events).
   */
  public static final String FAILURES_ONLY_FILTER = "{\"State\":[{\"anything-but\":\"COMPLETED\"}]}";

  /**
   * The same filter on a topic that also receives the job events of organization_events, which
   * EventBridge publishes without message attributes: a message without State is delivered too
   * (its rule already matched only the listed states). SNS's "$or" operator and key matching
   * ("AND/OR logic", "Key matching", Amazon SNS Developer Guide).
   */
  public static final String FAILURES_OR_JOB_EVENTS_FILTER =
      "{\"$or\":[{\"State\":[{\"anything-but\":\"COMPLETED\"}]},{\"State\":[{\"exists\":false}]}]}";

  private BackupVaultEvents() {}
}
