package io.github.backupcatalogue.validate;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.backupcatalogue.catalogue.AccessPolicy;
import io.github.backupcatalogue.catalogue.AuditReports;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.Control;
import io.github.backupcatalogue.catalogue.CopyAction;
import io.github.backupcatalogue.catalogue.Lifecycle;
import io.github.backupcatalogue.catalogue.Rule;
import io.github.backupcatalogue.catalogue.Vault;
import io.github.backupcatalogue.catalogue.VaultLocation;
import io.github.backupcatalogue.catalogue.VaultLock;
import io.github.backupcatalogue.compliance.AccountProtection;
import io.github.backupcatalogue.compliance.AccountProtection.EffectivePlan;
import io.github.backupcatalogue.compliance.ControlCoverage;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.Position;
import io.github.backupcatalogue.load.SourceMap;
import io.github.backupcatalogue.load.Suggestions;
import io.github.backupcatalogue.plan.Planner;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.regex.Pattern;

/**
 * The declared AWS Backup Audit Manager controls: their declarations (BC140-BC142, BC400-BC407)
 * and, once the catalogue is otherwise valid, the verdict of every control the catalogue alone can
 * judge, for every account in its scope, against the plans that account effectively gets
 * ({@link AccountProtection}) and the vaults that hold its recovery points (BC410-BC416). A
 * violation names the account, the control, the requirement and what the catalogue gives instead,
 * with the catalogue line it comes from. Controls only AWS can judge (after apply) are deployed as
 * frameworks and reported, not checked here (BC350 warns about the one the catalogue cannot meet).
 */
final class ControlRules extends RuleSupport {

  /** How many runs of a schedule are sampled for its longest gap. */
  static final int FREQUENCY_SAMPLE = 800;
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

  private final Clock clock;

  ControlRules(SourceMap sourceMap, List<Diagnostic> problems, Clock clock) {
    super(sourceMap, problems);
    this.clock = clock;
  }

  // ---------------------------------------------------------------- declarations

  void checkDeclarations(Catalogue c) {
    c.controls().forEach((name, control) -> {
      if (name == null || control == null) {
        return; // the loader has reported the missing value
      }
      Optional<AuditControls.Definition> definition = AuditControls.byName(name);
      if (definition.isEmpty()) {
        List<String> names = AuditControls.all().stream().map(AuditControls.Definition::name).toList();
        error("BC140", key("controls", name), "unknown AWS Backup Audit Manager control '" + name + "'"
            + Suggestions.closest(name, names).map(s -> "; did you mean '" + s + "'?").orElse(""),
            "use a control name from AWS's list (README, Controls reference): " + String.join(", ", names));
        return;
      }
      checkParameters(name, control, definition.get());
      checkScope(c, name, control);
    });
    if (c.auditReports() != null) {
      AuditReports reports = c.auditReports();
      if (reports.bucket() != null && (!BUCKET.matcher(reports.bucket()).matches() || reports.bucket().contains(".."))) {
        error("BC420", value("audit_reports", "bucket"), "'" + reports.bucket() + "' is not an S3 bucket name",
            "bucket names have 3-63 lower-case letters, digits, dots and hyphens, and start and end with a letter or digit");
      }
      if (reports.keyPrefix() != null && !KEY_PREFIX.matcher(reports.keyPrefix()).matches()) {
        error("BC420", value("audit_reports", "key_prefix"), "key_prefix '" + reports.keyPrefix() + "' has characters S3 key "
            + "prefixes should not", "use letters, digits and ! _ . * ' ( ) / - (S3's safe characters), at most 512");
      }
      List<String> templates = c.auditReports().templates();
      for (int i = 0; i < templates.size(); i++) {
        String template = String.valueOf(templates.get(i));
        JsonPointer at = ptr("audit_reports", "templates").appendIndex(i);
        if (!AuditControls.REPORT_TEMPLATES.contains(template)) {
          error("BC406", sourceMap.value(at), "unknown report template '" + template + "'"
              + Suggestions.closest(template, AuditControls.REPORT_TEMPLATES).map(s -> "; did you mean '" + s + "'?").orElse(""),
              "use one of " + String.join(", ", AuditControls.REPORT_TEMPLATES));
        } else if (AuditControls.isComplianceTemplate(template) && c.controls().isEmpty()) {
          error("BC407", sourceMap.value(at), "report template " + template + " reports on controls, but the catalogue declares none",
              "declare the controls under controls, or drop the template");
        }
      }
    }
  }

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern KEY_PREFIX = Pattern.compile("[A-Za-z0-9!_.*'()/-]{1,512}");

  private void checkParameters(String name, Control control, AuditControls.Definition definition) {
    for (String unitKey : List.of("required_frequency_unit", "recovery_point_age_unit")) {
      String unit = AuditControls.given(control, unitKey);
      if (unit != null && !unit.equals("hours") && !unit.equals("days")) {
        error("BC408", value("controls", name, unitKey), unitKey + " is '" + unit + "'; AWS takes hours or days", "write hours or days");
      }
    }
    for (String numberKey : List.of("required_frequency_value", "required_retention_days", "min_retention_days", "max_retention_days",
        "recovery_point_age_value", "max_restore_time")) {
      String number = AuditControls.given(control, numberKey);
      if (number != null && Long.parseLong(number) < 1) {
        error("BC409", value("controls", name, numberKey), numberKey + " is " + number + "; it must be at least 1", "use a positive number");
      }
    }
    for (String key : AuditControls.PARAMETER_KEYS) {
      if (AuditControls.given(control, key) != null && definition.parameter(key).isEmpty()) {
        List<String> taken = definition.parameters().stream().map(AuditControls.Parameter::key).toList();
        error("BC400", key("controls", name, key), name + " takes no parameter " + key,
            taken.isEmpty() ? "this control has no parameters: remove it" : "its parameters are " + String.join(", ", taken));
      }
    }
    List<String> principals = control.principalArnList();
    if (principals.size() > AuditControls.MAX_PRINCIPALS) {
      error("BC401", value("controls", name, "principal_arn_list"), "principal_arn_list has " + principals.size()
          + " roles; AWS allows at most " + AuditControls.MAX_PRINCIPALS, "list at most 5 IAM role ARNs");
    }
    for (int i = 0; i < principals.size(); i++) {
      if (!ROLE_ARN.matcher(String.valueOf(principals.get(i))).matches()) {
        error("BC401", sourceMap.value(ptr("controls", name, "principal_arn_list").appendIndex(i)), "'" + principals.get(i)
            + "' is not an IAM role ARN", "write arn:aws:iam::<12-digit account id>:role/<path and name>");
      }
    }
    for (int i = 0; i < control.crossAccountList().size(); i++) {
      String id = String.valueOf(control.crossAccountList().get(i));
      if (!ACCOUNT_ID.matcher(id).matches()) {
        error("BC402", sourceMap.value(ptr("controls", name, "cross_account_list").appendIndex(i)), "'" + id
            + "' in cross_account_list is not a 12-digit account id", "quote account ids in YAML (\"012345678901\")");
      }
    }
    for (int i = 0; i < control.crossRegionList().size(); i++) {
      String region = String.valueOf(control.crossRegionList().get(i));
      if (!AwsRegions.isKnown(region)) {
        error("BC403", sourceMap.value(ptr("controls", name, "cross_region_list").appendIndex(i)), "'" + region
            + "' in cross_region_list is not an AWS region"
            + Suggestions.closest(region, AwsRegions.all()).map(s -> "; did you mean '" + s + "'?").orElse(""), "regions look like eu-west-1");
      }
    }
    if (control.minRetentionDays() != null && control.maxRetentionDays() != null && control.minRetentionDays() > control.maxRetentionDays()) {
      error("BC404", value("controls", name, "min_retention_days"), "min_retention_days " + control.minRetentionDays()
          + " is more than max_retention_days " + control.maxRetentionDays(), "a vault lock's minimum cannot exceed its maximum");
    }
  }

  private void checkScope(Catalogue c, String name, Control control) {
    List<String> ous = control.scope().organizationalUnits();
    List<String> knownOus = c.singleAccount() ? List.of()
        : c.organization().organizationalUnits().keySet().stream().filter(java.util.Objects::nonNull).toList();
    for (int i = 0; i < ous.size(); i++) {
      if (c.singleAccount()) {
        error("BC405", sourceMap.value(ptr("controls", name, "scope", "organizational_units").appendIndex(i)),
            "a single-account catalogue has no organizational units", "leave organizational_units out of the scope");
      } else if (!knownOus.contains(ous.get(i)) && !io.github.backupcatalogue.catalogue.Organization.ROOT.equals(ous.get(i))) {
        unknown(String.valueOf(ous.get(i)), knownOus, "organizational unit", ptr("controls", name, "scope", "organizational_units").appendIndex(i));
      }
    }
    List<String> accounts = control.scope().accounts();
    List<String> knownAccounts = List.copyOf(AccountProtection.accounts(c));
    for (int i = 0; i < accounts.size(); i++) {
      if (!knownAccounts.contains(accounts.get(i))) {
        unknown(String.valueOf(accounts.get(i)), knownAccounts, "account", ptr("controls", name, "scope", "accounts").appendIndex(i));
      }
    }
    List<String> types = control.scope().resourceTypes();
    for (int i = 0; i < types.size(); i++) {
      String type = String.valueOf(types.get(i));
      if (!ResourceTypes.names().contains(type)) {
        error("BC142", sourceMap.value(ptr("controls", name, "scope", "resource_types").appendIndex(i)), "unknown resource type '"
            + type + "'" + Suggestions.closest(type, ResourceTypes.names()).map(s -> "; did you mean '" + s + "'?").orElse(""),
            "a control's scope names resource types as AWS Backup does: " + String.join(", ", new java.util.TreeSet<>(ResourceTypes.names())));
      }
    }
  }

  private void unknown(String name, List<String> known, String kind, JsonPointer at) {
    error("BC141", sourceMap.value(at), "control scope names unknown " + kind + " '" + name + "'"
        + Suggestions.closest(name, known).map(s -> "; did you mean '" + s + "'?").orElse(""),
        known.isEmpty() ? "none is defined" : "defined: " + String.join(", ", known));
  }

  // ---------------------------------------------------------------- verdicts

  /** Judges every control the catalogue can decide, for every account in its scope. */
  void evaluate(Catalogue c) {
    c.controls().forEach((name, control) -> {
      if (name.equals("RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT") && c.vaults().values().stream().noneMatch(v -> v.airGapped() != null)) {
        warning("BC350", key("controls", name), name + " requires recovery points in a logically air-gapped vault, and the "
            + "catalogue has none: AWS will find every resource in its scope non-compliant",
            "add a vault with air_gapped and copy into it, or acknowledge this warning");
      }
      for (String account : ControlCoverage.accounts(c, control)) {
        Map<String, EffectivePlan> plans = ControlCoverage.plans(c, control, account);
        switch (name) {
          case "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN" -> protectedByPlan(c, name, control, account);
          case "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK" -> frequencyAndRetention(name, control, account, plans);
          case "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED" -> manualDeletion(c, name, control, account);
          case "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK" -> minimumRetention(name, control, account, plans);
          case "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION" -> crossRegion(name, control, account, plans);
          case "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT" -> crossAccount(c, name, control, account, plans);
          case "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK" -> vaultLock(c, name, control, account, plans);
          default -> { } // judged by AWS after apply only
        }
      }
    });
  }

  private void protectedByPlan(Catalogue c, String name, Control control, String account) {
    Map<String, EffectivePlan> all = AccountProtection.plansFor(c, account);
    if (all.isEmpty() && control.scope().everyAccount()) {
      return; // the central backup account, in scope by default for its vaults
    }
    if (all.isEmpty()) {
      violation("BC410", name, account, "requires its resources in at least one backup plan; the account gets no backup plan "
          + "(no policy reaches it)", "attach a policy with a plan to the account or one of its OUs, or narrow the control's scope");
      return;
    }
    SortedSet<String> covered = new java.util.TreeSet<>();
    all.forEach((planName, plan) -> covered.addAll(ControlCoverage.types(c, planName, plan)));
    for (String type : ResourceTypes.selectedTypes(control.scope().resourceTypes())) {
      if (!covered.contains(type)) {
        violation("BC410", name, account, "requires every " + type + " resource in a backup plan; no effective plan selects " + type
            + " (" + String.join(", ", all.keySet().stream().map(p -> p + ", " + where(all.get(p).pointer())).toList()) + ")",
            "add " + type + " to a selection of a plan the account gets");
      }
    }
  }

  private void frequencyAndRetention(String name, Control control, String account, Map<String, EffectivePlan> plans) {
    String unit = control.requiredFrequencyUnit() == null ? "days" : control.requiredFrequencyUnit();
    int value = control.requiredFrequencyValue() == null ? 1 : control.requiredFrequencyValue();
    int retention = control.requiredRetentionDays() == null ? 35 : control.requiredRetentionDays();
    Duration required = unit.equals("hours") ? Duration.ofHours(value) : Duration.ofDays(value);
    String requirement = "requires a rule that backs up " + every(required) + " and keeps backups at least " + days(retention);
    plans.forEach((planName, plan) -> {
      List<String> found = new ArrayList<>();
      boolean met = false;
      for (Map.Entry<String, Rule> rule : plan.plan().rules().entrySet()) {
        Rule r = rule.getValue();
        ZoneId zone = ScheduleChecks.zone(r);
        Optional<Duration> gap = AwsCron.parse(r.schedule()).longestGap(clock.instant(), zone, FREQUENCY_SAMPLE);
        Duration tolerance = zone.equals(ZoneOffset.UTC) ? Duration.ZERO : Duration.ofHours(1); // daylight saving
        boolean often = gap.isPresent() && gap.get().compareTo(required.plus(tolerance)) <= 0;
        Integer keep = r.lifecycle().deleteAfterDays();
        boolean long_ = keep == null || keep >= retention;
        met |= often && long_;
        found.add("rule " + rule.getKey() + " backs up " + gap.map(ControlRules::every).orElse("at most once more")
            + " and keeps backups " + (keep == null ? "for ever" : days(keep)));
      }
      if (!met) {
        violation("BC411", name, account, requirement + "; effective plan " + planName + " has none: " + String.join("; ", found)
            + " (" + where(plan.pointer()) + ")", "back up more often or keep backups longer in that plan, or change the control's parameters");
      }
    });
  }

  private void minimumRetention(String name, Control control, String account, Map<String, EffectivePlan> plans) {
    int retention = control.requiredRetentionDays() == null ? 35 : control.requiredRetentionDays();
    plans.forEach((planName, plan) -> plan.plan().rules().forEach((ruleName, rule) -> {
      String rulePointer = plan.pointer() + "/rules/" + ruleName;
      check(name, account, retention, rule.lifecycle(), "rule " + ruleName + " of effective plan " + planName, rulePointer + "/lifecycle");
      for (int i = 0; i < rule.copyTo().size(); i++) {
        CopyAction copy = rule.copyTo().get(i);
        if (copy.lifecycle() != null) {
          check(name, account, retention, copy.lifecycle(), "the copy to " + copy.vault() + " of rule " + ruleName + " of effective plan "
              + planName, rulePointer + "/copy_to/" + i + "/lifecycle");
        }
      }
    }));
  }

  private void check(String name, String account, int retention, Lifecycle lifecycle, String what, String pointer) {
    if (lifecycle.deleteAfterDays() != null && lifecycle.deleteAfterDays() < retention) {
      violation("BC413", name, account, "requires recovery points kept at least " + days(retention) + "; " + what + " keeps them "
          + days(lifecycle.deleteAfterDays()) + " (" + where(pointer + "/delete_after_days") + ")",
          "raise delete_after_days to " + retention + " or more");
    }
  }

  private void crossRegion(String name, Control control, String account, Map<String, EffectivePlan> plans) {
    List<String> wanted = control.crossRegionList();
    String requirement = "requires a copy to " + (wanted.isEmpty() ? "another region" : "one of " + String.join(", ", wanted));
    plans.forEach((planName, plan) -> {
      for (String region : plan.plan().regions()) {
        boolean met = plan.plan().rules().values().stream().flatMap(r -> r.copyTo().stream()).anyMatch(copy -> {
          String destination = copy.region() == null ? region : copy.region();
          return !destination.equals(region) && (wanted.isEmpty() || wanted.contains(destination));
        });
        if (!met) {
          violation("BC414", name, account, requirement + " of the backups made in " + region + "; effective plan " + planName
              + " copies them " + copies(plan, region) + " (" + where(plan.pointer()) + ")",
              "add a copy_to with a region to a rule of that plan");
        }
      }
    });
  }

  private static String copies(EffectivePlan plan, String region) {
    List<String> destinations = plan.plan().rules().values().stream().flatMap(r -> r.copyTo().stream())
        .map(copy -> copy.vault() + " in " + (copy.region() == null ? region : copy.region())).distinct().toList();
    return destinations.isEmpty() ? "nowhere" : "only to " + String.join(", ", destinations);
  }

  private void crossAccount(Catalogue c, String name, Control control, String account, Map<String, EffectivePlan> plans) {
    List<String> wanted = control.crossAccountList();
    String central = c.singleAccount() ? null : c.organization().centralBackupAccount();
    String centralId = central == null ? null : ControlCoverage.accountId(c, central);
    String requirement = "requires a copy to " + (wanted.isEmpty() ? "another account" : "one of the accounts " + String.join(", ", wanted));
    plans.forEach((planName, plan) -> {
      boolean copiesToCentral = plan.plan().rules().values().stream().flatMap(r -> r.copyTo().stream())
          .anyMatch(copy -> c.vaults().get(copy.vault()).location() == VaultLocation.CENTRAL_ACCOUNT);
      boolean met = copiesToCentral && !account.equals(central) && (wanted.isEmpty() || wanted.contains(centralId));
      if (!met) {
        String gives = !copiesToCentral ? "copies to no vault in another account"
            : account.equals(central) ? "copies only within " + account + " (the central backup account itself)"
            : "copies to " + central + " (" + centralId + ")";
        violation("BC415", name, account, requirement + "; effective plan " + planName + " " + gives + " (" + where(plan.pointer()) + ")",
            wanted.isEmpty() ? "add a copy_to a central_account vault to a rule of that plan"
                : "copy to a vault of a listed account, or list " + centralId + " in cross_account_list");
      }
    });
  }

  private void vaultLock(Catalogue c, String name, Control control, String account, Map<String, EffectivePlan> plans) {
    Integer min = control.minRetentionDays();
    Integer max = control.maxRetentionDays();
    String requirement = "requires backups in a locked vault" + (min == null ? "" : ", lock minimum retention at least " + days(min))
        + (max == null ? "" : ", lock maximum retention at most " + days(max));
    plans.forEach((planName, plan) -> plan.plan().rules().forEach((ruleName, rule) -> {
      Vault vault = c.vaults().get(rule.vault());
      VaultLock lock = vault.effectiveLock();
      String gives;
      if (lock == null) {
        gives = "has no lock";
      } else if (min != null && (lock.minRetentionDays() == null || lock.minRetentionDays() < min)) {
        gives = "has a lock with minimum retention " + (lock.minRetentionDays() == null ? "none" : days(lock.minRetentionDays()));
      } else if (max != null && (lock.maxRetentionDays() == null || lock.maxRetentionDays() > max)) {
        gives = "has a lock with maximum retention " + (lock.maxRetentionDays() == null ? "none" : days(lock.maxRetentionDays()));
      } else {
        return;
      }
      violation("BC416", name, account, requirement + "; rule " + ruleName + " of effective plan " + planName + " backs up to vault "
          + rule.vault() + ", which " + gives + " (" + where("/vaults/" + rule.vault()) + ")",
          "give vault " + rule.vault() + " a lock that meets the control, or back up to a vault that has one");
    }));
  }

  private void manualDeletion(Catalogue c, String name, Control control, String account) {
    String id = ControlCoverage.accountId(c, account);
    for (String vaultName : ControlCoverage.vaults(c, account)) {
      Vault vault = c.vaults().get(vaultName);
      AccessPolicy access = vault.accessPolicy();
      String holder = vault.location() == VaultLocation.CENTRAL_ACCOUNT ? ControlCoverage.accountId(c, c.organization().centralBackupAccount()) : id;
      if (!access.denyRecoveryPointDeletion()) {
        violation("BC412", name, account, "requires vaults that deny deleting recovery points by hand; vault " + vaultName
            + " allows it (" + where("/vaults/" + vaultName + "/access_policy/deny_recovery_point_deletion") + ")",
            "set deny_recovery_point_deletion: true on vault " + vaultName);
      } else if (access.breakGlassRole() != null) {
        String arn = Planner.breakGlassArn(holder, access.breakGlassRole());
        if (!control.principalArnList().contains(arn)) {
          violation("BC412", name, account, "requires vaults that let no role but those in principal_arn_list delete recovery points; vault "
              + vaultName + " lets " + arn + " delete them (" + where("/vaults/" + vaultName + "/access_policy/break_glass_role") + ")",
              "list " + arn + " in the control's principal_arn_list, or remove the break-glass role");
        }
      }
    }
  }

  // ---------------------------------------------------------------- wording

  private void violation(String code, String control, String account, String requirementAndFinding, String hint) {
    error(code, key("controls", control), account + ": " + control + " " + requirementAndFinding, hint);
  }

  /** "plans.Weekly, line 40": a catalogue place as people read it. */
  private String where(String pointer) {
    JsonPointer p = JsonPointer.compile(pointer);
    Position at = sourceMap.key(p);
    String dotted = pointer.substring(1).replace("/", ".").replace("~1", "/").replace("~0", "~");
    return dotted + ", line " + at.line();
  }

  static String every(Duration d) {
    if (d.equals(Duration.ofHours(1))) {
      return "hourly";
    }
    if (d.equals(Duration.ofDays(1))) {
      return "daily";
    }
    if (d.equals(Duration.ofDays(7))) {
      return "weekly";
    }
    long hours = d.toHours();
    return hours % 24 == 0 ? "at least every " + (hours / 24) + " days" : "at least every " + hours + " hours";
  }

  static String days(int n) {
    return n == 1 ? "1 day" : n + " days";
  }
}
