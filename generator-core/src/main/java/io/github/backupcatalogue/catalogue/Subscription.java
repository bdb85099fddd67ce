package io.github.backupcatalogue.catalogue;

/**
 * A subscription of a notification topic.
 *
 * @param protocol email, https or sqs
 * @param endpoint the email address, the https:// URL, or the SQS queue's ARN
 * @param onlyFailures deliver only messages whose State is not COMPLETED (default false): AWS
 *     Backup reports failed and expired backup and restore jobs as BACKUP_JOB_COMPLETED and
 *     RESTORE_JOB_COMPLETED with that State attribute
 */
public record Subscription(
    @Doc(value = "email, https or sqs.", example = "email") SubscriptionProtocol protocol,
    @Doc(value = "The email address, the https:// URL, or the SQS queue's ARN.", example = "backup-team@example.com") String endpoint,
    @Doc(value = "Deliver only messages whose State is not COMPLETED (default false): failed, aborted and expired jobs are reported as *_JOB_COMPLETED with that State.", defaultValue = "false") Boolean onlyFailures) {

  public Subscription {
    onlyFailures = Immutables.orDefault(onlyFailures, false);
  }
}
