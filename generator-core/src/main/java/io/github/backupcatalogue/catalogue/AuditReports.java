package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * AWS Backup Audit Manager report plans: daily reports delivered to an S3 bucket. In an
 * organization they are created in the account that manages backup policies (the delegated
 * administrator, or the management account) and cover every account that receives backup plans;
 * in a single-account catalogue, in that account.
 *
 * @param bucket the S3 bucket the reports go to (it must exist, and its policy must let AWS Backup
 *     write to it)
 * @param keyPrefix the key prefix of the reports in the bucket
 * @param templates the report templates to deliver
 */
public record AuditReports(
    @Doc(value = "The S3 bucket the reports go to (it must exist, and its policy must let AWS Backup write to it).", pattern = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", example = "example-backup-reports") @JsonProperty(required = true) String bucket,
    @Doc(value = "The key prefix of the reports in the bucket.", pattern = "^[A-Za-z0-9!_.*'()/-]{1,512}$", example = "backup-reports") String keyPrefix,
    @Doc(value = "The report templates to deliver: BACKUP_JOB_REPORT, COPY_JOB_REPORT, RESTORE_JOB_REPORT, CONTROL_COMPLIANCE_REPORT, RESOURCE_COMPLIANCE_REPORT.", defaultValue = "[BACKUP_JOB_REPORT, COPY_JOB_REPORT, CONTROL_COMPLIANCE_REPORT]", example = "[BACKUP_JOB_REPORT, CONTROL_COMPLIANCE_REPORT]") List<String> templates) {

  public static final List<String> DEFAULT_TEMPLATES = List.of("BACKUP_JOB_REPORT", "COPY_JOB_REPORT", "CONTROL_COMPLIANCE_REPORT");

  public AuditReports {
    templates = templates == null || templates.isEmpty() ? DEFAULT_TEMPLATES : Immutables.list(templates);
  }
}
