package io.github.backupcatalogue.catalogue;

import java.util.List;

/**
 * Organization-wide alerts on AWS Backup jobs through Amazon EventBridge. AWS Backup sends its
 * job events only to the default event bus of the account and Region where the job runs
 * ("Monitoring AWS Backup events using Amazon EventBridge", AWS Backup Developer Guide), so every
 * account module forwards the matching events, in each Region where it backs up or holds a vault,
 * to an event bus of the receiving account in the same Region, whose rule publishes them to a
 * topic of {@code notifications.topics} there.
 *
 * @param topic the topic of notifications.topics the events are published to (in the receiving account)
 * @param account the account receiving the events (default the first delegated administrator, else
 *     the management account)
 * @param jobTypes backup, copy, restore, scan (default all four)
 * @param states the job states to alert on (default FAILED, ABORTED, EXPIRED, PARTIAL,
 *     COMPLETED_WITH_ISSUES); each job
 *     type matches those of them it has
 */
public record OrganizationEvents(
    @Doc(value = "A topic of notifications.topics; it is created in the receiving account in every Region that receives events.", example = "backup-alerts") String topic,
    @Doc(value = "The account (a name of organization.accounts) receiving every account's job events: an event bus per Region, its rule and the topic.", defaultValue = "the first of organization.delegated_administrators, else organization.management_account", example = "backup-admin") String account,
    @Doc(value = "The jobs to alert on: backup (Backup Job State Change), copy (Copy Job State Change), restore (Restore Job State Change), scan (malware scans, Scan Job State Change: also every scan that found malware, THREATS_FOUND).", defaultValue = "[backup, copy, restore, scan]", example = "[backup, copy]") List<String> jobTypes,
    @Doc(value = "The job states to alert on, as AWS Backup spells them: backup jobs CREATED, PENDING, RUNNING, ABORTING, ABORTED, COMPLETED, FAILED, EXPIRED, PARTIAL; copy jobs CREATED, RUNNING, COMPLETED, FAILED, PARTIAL; restore jobs PENDING, RUNNING, COMPLETED, ABORTED, FAILED; scan jobs CREATED, RUNNING, COMPLETED, COMPLETED_WITH_ISSUES, FAILED, CANCELED. Each job type matches the listed states it has.", defaultValue = "[FAILED, ABORTED, EXPIRED, PARTIAL, COMPLETED_WITH_ISSUES]", example = "[FAILED, ABORTED]") List<String> states) {

  /** The job types when none are listed. */
  public static final List<String> DEFAULT_JOB_TYPES = List.of("backup", "copy", "restore", "scan");
  /** The states when none are listed. */
  public static final List<String> DEFAULT_STATES = List.of("FAILED", "ABORTED", "EXPIRED", "PARTIAL", "COMPLETED_WITH_ISSUES");

  public OrganizationEvents {
    jobTypes = jobTypes == null ? DEFAULT_JOB_TYPES : Immutables.list(jobTypes);
    states = states == null ? DEFAULT_STATES : Immutables.list(states);
  }
}
