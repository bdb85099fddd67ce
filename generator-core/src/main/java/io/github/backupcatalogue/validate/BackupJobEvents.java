package io.github.backupcatalogue.validate;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS Backup's job events on Amazon EventBridge, one place for validation and planning: per job
 * type of {@code notifications.organization_events}, the event's detail-type, the detail field
 * that holds the job's state, and the states that job has.
 *
 * <ul>
 *   <li>detail-types: "AWS Backup events" (Amazon EventBridge Events Reference, events-ref-backup):
 *       Backup Job State Change, Copy Job State Change, Restore Job State Change;
 *   <li>the field: "Some events report status: COMPLETED whereas other events report state:
 *       COMPLETED. This is consistent with the AWS Backup API" ("Monitoring AWS Backup events using
 *       Amazon EventBridge"): backup and copy jobs have {@code State}, restore jobs {@code Status}
 *       (DescribeBackupJob, DescribeCopyJob, DescribeRestoreJob, AWS Backup API Reference);
 *   <li>the states: BackupJobState (CREATED, PENDING, RUNNING, ABORTING, ABORTED, COMPLETED, FAILED,
 *       EXPIRED, PARTIAL; ListBackupJobs ByState), CopyJobState (CREATED, RUNNING, COMPLETED, FAILED,
 *       PARTIAL; ListCopyJobs ByState), RestoreJobStatus (PENDING, RUNNING, COMPLETED, ABORTED,
 *       FAILED; ListRestoreJobs ByStatus);
 *   <li>malware scan jobs ("Malware scan Job events", same page): detail-type Scan Job State Change,
 *       field {@code state}: CREATED, RUNNING, COMPLETED, COMPLETED_WITH_ISSUES, FAILED, CANCELED; a
 *       scan that found malware is COMPLETED with {@code scanResult.scanResultStatus} THREATS_FOUND,
 *       which is always alerted when scan jobs are listed (whatever the states).
 * </ul>
 */
public final class BackupJobEvents {

  /** One job type: its EventBridge detail-type, the detail field with its state, and its states. */
  public record JobType(String name, String detailType, String stateField, List<String> states) {}

  /** The job types, in the catalogue's default order. */
  public static final Map<String, JobType> TYPES;

  static {
    Map<String, JobType> types = new LinkedHashMap<>();
    types.put("backup", new JobType("backup", "Backup Job State Change", "state",
        List.of("CREATED", "PENDING", "RUNNING", "ABORTING", "ABORTED", "COMPLETED", "FAILED", "EXPIRED", "PARTIAL")));
    types.put("copy", new JobType("copy", "Copy Job State Change", "state",
        List.of("CREATED", "RUNNING", "COMPLETED", "FAILED", "PARTIAL")));
    types.put("restore", new JobType("restore", "Restore Job State Change", "status",
        List.of("PENDING", "RUNNING", "COMPLETED", "ABORTED", "FAILED")));
    types.put("scan", new JobType("scan", "Scan Job State Change", "state",
        List.of("CREATED", "RUNNING", "COMPLETED", "COMPLETED_WITH_ISSUES", "FAILED", "CANCELED")));
    TYPES = java.util.Collections.unmodifiableMap(types);
  }

  /** The job type whose completed jobs may carry a finding: a malware scan. */
  public static final String SCAN = "scan";

  /** GuardDuty's result of a scan that found malware ("Monitoring scan statuses and results in Malware Protection for Backup"). */
  public static final String THREATS_FOUND = "THREATS_FOUND";

  private BackupJobEvents() {}

  /** Every state some job type has, in a stable order. */
  public static Set<String> allStates() {
    Set<String> all = new LinkedHashSet<>();
    TYPES.values().forEach(t -> all.addAll(t.states()));
    return all;
  }

  /** The listed states a job type has, in the listed order. */
  public static List<String> statesOf(JobType type, List<String> states) {
    return states.stream().filter(type.states()::contains).distinct().toList();
  }
}
