package io.github.backupcatalogue.validate;

import io.github.backupcatalogue.catalogue.Control;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * AWS Backup Audit Manager's controls, as AWS documents them: their names, their input
 * parameters (the names CreateFramework takes, with the catalogue key and AWS's default), and
 * whether the catalogue alone can judge them. The one place validation, planning and the
 * compliance report learn what a control is.
 *
 * <p>Sources: AWS Backup Developer Guide, "Choosing your controls" (the list, defaults) and
 * "Controls and remediation" (what each evaluates, its scope); "Creating frameworks using the AWS
 * Backup API" (the ControlName values and the ParameterName values); the AWS Config Developer Guide
 * pages of the managed rules behind them (crossRegionList, crossAccountList, minRetentionDays,
 * maxRetentionDays).
 */
public final class AuditControls {

  private AuditControls() {}

  /** At most this many roles in principalArnList ("Choosing your controls": up to 5 IAM roles). */
  public static final int MAX_PRINCIPALS = 5;

  /**
   * One input parameter.
   *
   * @param key the catalogue key
   * @param awsName the ParameterName AWS takes
   * @param defaultValue AWS's default, as the ParameterValue it would be, or null when there is none
   * @param value the catalogue's value as a ParameterValue, or null when not given
   */
  public record Parameter(String key, String awsName, String defaultValue, Function<Control, String> value) {}

  /**
   * One control.
   *
   * @param name the ControlName
   * @param title AWS's name for people
   * @param evaluates what AWS evaluates, in its words
   * @param judgedBeforeApply true when the catalogue alone decides the verdict
   * @param afterApplyOnly why the catalogue cannot decide it, when it cannot
   */
  public record Definition(
      String name, String title, String evaluates, List<Parameter> parameters, boolean judgedBeforeApply, String afterApplyOnly) {

    public Optional<Parameter> parameter(String key) {
      return parameters.stream().filter(p -> p.key().equals(key)).findFirst();
    }
  }

  private static final Parameter FREQUENCY_UNIT = new Parameter("required_frequency_unit", "requiredFrequencyUnit", "days", Control::requiredFrequencyUnit);
  private static final Parameter FREQUENCY_VALUE = new Parameter("required_frequency_value", "requiredFrequencyValue", "1", c -> str(c.requiredFrequencyValue()));
  private static final Parameter RETENTION = new Parameter("required_retention_days", "requiredRetentionDays", "35", c -> str(c.requiredRetentionDays()));

  private static final Map<String, Definition> ALL = new LinkedHashMap<>();

  static {
    add(new Definition("BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", "Backup resources are included in at least one backup plan",
        "whether resources are included in at least one backup plan", List.of(), true, null));
    add(new Definition("BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK", "Backup plan has minimum frequency and minimum retention",
        "whether a backup plan has at least one rule that backs up at least every [1 day] and keeps backups at least [35 days]",
        List.of(FREQUENCY_UNIT, FREQUENCY_VALUE, RETENTION), true, null));
    add(new Definition("BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED", "Vaults prevent manual deletion of recovery points",
        "whether backup vaults deny the manual deletion of recovery points to everyone but up to 5 IAM roles",
        List.of(new Parameter("principal_arn_list", "principalArnList", null, c -> c.principalArnList().isEmpty() ? null : String.join(",", c.principalArnList()))),
        true, null));
    add(new Definition("BACKUP_RECOVERY_POINT_ENCRYPTED", "Recovery points are encrypted", "whether the recovery points are encrypted",
        List.of(), false, "a backup of a resource type AWS Backup does not fully manage (EBS, RDS, ...) is encrypted as its source is, "
            + "which the catalogue does not describe"));
    add(new Definition("BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", "Minimum retention established for recovery point",
        "whether the recovery point retention period is at least [35 days]", List.of(RETENTION), true, null));
    add(new Definition("BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION", "Cross-Region backup copy is scheduled",
        "whether a resource is in a backup plan that copies its backups to another region",
        List.of(new Parameter("cross_region_list", "crossRegionList", null, c -> c.crossRegionList().isEmpty() ? null : String.join(",", c.crossRegionList()))),
        true, null));
    add(new Definition("BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT", "Cross-account backup copy is scheduled",
        "whether a resource is in a backup plan that copies its backups to another account",
        List.of(new Parameter("cross_account_list", "crossAccountList", null, c -> c.crossAccountList().isEmpty() ? null : String.join(",", c.crossAccountList()))),
        true, null));
    add(new Definition("BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK", "Resources are in a backup plan with an AWS Backup Vault Lock",
        "whether a resource's backups go to a vault under a vault lock",
        List.of(new Parameter("min_retention_days", "minRetentionDays", null, c -> str(c.minRetentionDays())),
            new Parameter("max_retention_days", "maxRetentionDays", null, c -> str(c.maxRetentionDays()))),
        true, null));
    add(new Definition("BACKUP_LAST_RECOVERY_POINT_CREATED", "Last recovery point was created",
        "whether a recovery point was created within the last [1 day]",
        List.of(new Parameter("recovery_point_age_unit", "recoveryPointAgeUnit", "days", Control::recoveryPointAgeUnit),
            new Parameter("recovery_point_age_value", "recoveryPointAgeValue", "1", c -> str(c.recoveryPointAgeValue()))),
        false, "whether backup jobs succeed is known only once they run"));
    add(new Definition("RESTORE_TIME_FOR_RESOURCES_MEET_TARGET", "Restore time for resources meet target",
        "whether restores complete within the target restore time [720 minutes]",
        List.of(new Parameter("max_restore_time", "maxRestoreTime", "720", c -> str(c.maxRestoreTime()))),
        false, "restore times are known only once restores run"));
    add(new Definition("RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT", "Resources are in a logically air-gapped vault",
        "whether resources have a recovery point in a logically air-gapped vault within the last [1 day]",
        List.of(new Parameter("recovery_point_age_unit", "recoveryPointAgeUnit", "days", Control::recoveryPointAgeUnit),
            new Parameter("recovery_point_age_value", "recoveryPointAgeValue", "1", c -> str(c.recoveryPointAgeValue()))),
        false, "whether recent recovery points reached the logically air-gapped vault is known only once copy jobs run"));
  }

  private static void add(Definition d) {
    ALL.put(d.name(), d);
  }

  private static String str(Integer value) {
    return value == null ? null : value.toString();
  }

  /** Every control AWS documents, in the order of "Choosing your controls". */
  public static List<Definition> all() {
    return List.copyOf(ALL.values());
  }

  public static Optional<Definition> byName(String name) {
    return Optional.ofNullable(ALL.get(name));
  }

  /** The catalogue keys of every parameter of any control (each record component but scope). */
  public static final List<String> PARAMETER_KEYS = List.of("required_frequency_unit", "required_frequency_value",
      "required_retention_days", "principal_arn_list", "cross_region_list", "cross_account_list", "min_retention_days",
      "max_retention_days", "recovery_point_age_unit", "recovery_point_age_value", "max_restore_time");

  /** The value of a parameter key, as given in the catalogue (null when not given). */
  public static String given(Control control, String key) {
    for (Definition d : ALL.values()) {
      for (Parameter p : d.parameters()) {
        if (p.key().equals(key)) {
          return p.value().apply(control);
        }
      }
    }
    throw new IllegalArgumentException(key);
  }

  /** The parameters a framework sends for a control: those given, and AWS's defaults made explicit. */
  public static Map<String, String> inputParameters(Definition d, Control control) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Parameter p : d.parameters()) {
      String value = p.value().apply(control);
      if (value == null) {
        value = p.defaultValue();
      }
      if (value != null) {
        out.put(p.awsName(), value);
      }
    }
    return out;
  }

  /** The report templates AWS Backup Audit Manager offers (ReportSetting.ReportTemplate). */
  public static final List<String> REPORT_TEMPLATES = List.of("RESOURCE_COMPLIANCE_REPORT", "CONTROL_COMPLIANCE_REPORT",
      "BACKUP_JOB_REPORT", "COPY_JOB_REPORT", "RESTORE_JOB_REPORT");

  /** Templates that report on frameworks' controls. */
  public static boolean isComplianceTemplate(String template) {
    return template.endsWith("_COMPLIANCE_REPORT");
  }
}
