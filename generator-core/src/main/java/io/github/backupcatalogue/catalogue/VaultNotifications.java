package io.github.backupcatalogue.catalogue;

import java.util.List;

/**
 * The vault events published to a topic ({@code aws_backup_vault_notifications}).
 *
 * @param events BackupVaultEvents AWS still sends
 * @param topic a topic of notifications.topics
 */
public record VaultNotifications(
    @Doc(value = "BackupVaultEvents AWS still sends: BACKUP_JOB_STARTED, BACKUP_JOB_COMPLETED, COPY_JOB_STARTED, COPY_JOB_SUCCESSFUL, COPY_JOB_FAILED, RESTORE_JOB_STARTED, RESTORE_JOB_COMPLETED, RECOVERY_POINT_MODIFIED, S3_BACKUP_OBJECT_FAILED, S3_RESTORE_OBJECT_FAILED.", example = "[BACKUP_JOB_COMPLETED, COPY_JOB_FAILED, RESTORE_JOB_COMPLETED]") List<String> events,
    @Doc(value = "A topic of notifications.topics.", example = "backup-alerts") String topic) {

  public VaultNotifications {
    events = Immutables.list(events);
  }
}
