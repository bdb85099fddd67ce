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
 *       FAILED; ListRestoreJobs ByStatus).
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
    TYPES = java.util.Collections.unmodifiableMap(types);
  }

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
