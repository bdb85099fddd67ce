package io.github.backupcatalogue.validate;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.CopyAction;
import io.github.backupcatalogue.catalogue.Lifecycle;
import io.github.backupcatalogue.catalogue.Plan;
import io.github.backupcatalogue.catalogue.Rule;
import io.github.backupcatalogue.catalogue.Selection;
import io.github.backupcatalogue.catalogue.Vault;
import io.github.backupcatalogue.catalogue.VaultLocation;
import io.github.backupcatalogue.catalogue.VaultLock;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.load.SourceMap;
import io.github.backupcatalogue.load.Suggestions;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Plans, their rules and selections: names (BC107), regions (BC106), rules (BC012), schedules and windows
 * (BC201-BC208), lifecycles (BC211-BC215), retention against vault locks (BC214), rule vaults (BC233),
 * copies (BC236, BC237), and selections (BC241-BC243, BC301).
 */
final class PlanRules extends RuleSupport {

  private static final Pattern RULE_NAME = Pattern.compile("[0-9A-Za-z_.-]{1,50}");
  private static final Pattern PLAN_NAME = Pattern.compile("[0-9A-Za-z_.-]{1,50}");

  /** "Now", for schedules that fire only in past years (BC208) and their gaps (BC307). */
  private final Clock clock;

  PlanRules(SourceMap sourceMap, List<Diagnostic> problems, Clock clock) {
    super(sourceMap, problems);
    this.clock = clock;
  }

  void check(Catalogue c) {
    c.plans().forEach((planName, plan) -> {
      JsonPointer p = ptr("plans", planName);
      if (!PLAN_NAME.matcher(planName).matches()) {
        error("BC107", sourceMap.key(p), "plan name '" + planName + "' is not valid", "use 1-50 letters, digits and _.-");
      }
      checkRegions(plan.regions(), p.appendProperty("regions"));
      if (plan.regions().isEmpty()) {
        error("BC106", sourceMap.key(p.appendProperty("regions")), "plan '" + planName + "' has no regions", "list at least one region");
      }
      if (plan.rules().isEmpty()) {
        error("BC012", sourceMap.key(p.appendProperty("rules")), "plan '" + planName + "' has no rules", "add a rule");
      }
      plan.rules().forEach((ruleName, rule) -> checkRule(c, planName, plan, ruleName, rule, p.appendProperty("rules").appendProperty(ruleName)));
      plan.selections().forEach((selName, sel) -> checkSelection(selName, sel, p.appendProperty("selections").appendProperty(selName)));
      if (plan.selections().isEmpty() && !classifies(c, planName)) {
        error("BC241", sourceMap.key(p), "plan '" + planName + "' selects nothing",
            "add a selection, or map a data classification value to it");
      }
    });
  }

  private static boolean classifies(Catalogue c, String plan) {
    return c.dataClassification() != null
        && c.dataClassification().values().values().stream().anyMatch(plans -> plans.contains(plan));
  }

  private void checkRule(Catalogue c, String planName, Plan plan, String ruleName, Rule rule, JsonPointer p) {
    if (!RULE_NAME.matcher(ruleName).matches()) {
      error("BC107", sourceMap.key(p), "rule name '" + ruleName + "' is not valid", "use 1-50 letters, digits and _.-");
    }
    AwsCron.check(rule.schedule()).ifPresentOrElse(problem -> error(problem.tooFrequent() ? "BC202" : "BC201",
        sourceMap.value(p.appendProperty("schedule")), problem.message(), problem.hint()),
        () -> ScheduleChecks.check(rule, sourceMap.value(p.appendProperty("schedule")), clock).forEach(problems::add));
    if (rule.timezone() != null && rule.timezone().length() > CatalogueValidator.MAX_TIME_ZONE_LENGTH) {
      error("BC203", sourceMap.value(p.appendProperty("timezone")), "the time zone is " + rule.timezone().length()
          + " characters; IANA time zone names have at most " + CatalogueValidator.MAX_TIME_ZONE_LENGTH, "e.g. Europe/London or America/New_York");
    } else if (rule.timezone() != null && !ZoneId.getAvailableZoneIds().contains(rule.timezone())) {
      error("BC203", sourceMap.value(p.appendProperty("timezone")), "'" + rule.timezone() + "' is not an IANA time zone",
          "e.g. Europe/London or America/New_York"
              + Suggestions.closest(rule.timezone(), ZoneId.getAvailableZoneIds()).map(s -> "; did you mean " + s + "?").orElse(""));
    }
    int start = rule.startWindowMinutes();
    int completion = rule.completionWindowMinutes();
    if (start < 60) {
      error("BC204", sourceMap.value(p.appendProperty("start_window_minutes")), "start_window_minutes is " + start
          + "; AWS requires at least 60", "use 60 or more (the default is 480)");
    }
    if (completion <= start) {
      error("BC205", sourceMap.value(p.appendProperty(rule.completionWindowMinutes() == Rule.DEFAULT_COMPLETION_WINDOW_MINUTES
              ? "start_window_minutes" : "completion_window_minutes")),
          "completion_window_minutes (" + completion + ") is not longer than start_window_minutes (" + start
              + "); the completion window counts from the scheduled time, so a job that starts late is cancelled",
          "make the completion window longer than the start window");
    }
    int centuryOfMinutes = 52_560_000;
    if (start > centuryOfMinutes || completion > centuryOfMinutes) {
      error("BC206", sourceMap.value(p), "a backup window is longer than AWS's maximum of 100 years", null);
    }
    JsonPointer lp = p.appendProperty("lifecycle");
    checkLifecycle(rule.lifecycle(), rule.continuousBackup(), lp);
    checkIndexes(c, rule, p.appendProperty("index_resource_types"));
    if (rule.continuousBackup() && rule.lifecycle().optInToArchive()) {
      error("BC212", sourceMap.value(lp.appendProperty("opt_in_to_archive")), "continuous backups cannot be archived",
          "remove opt_in_to_archive, or disable continuous_backup");
    }
    Vault target = c.vaults().get(rule.vault());
    if (reference(rule.vault(), c.vaults().keySet(), "vault", p.appendProperty("vault"), false)) {
      if (target.location() == VaultLocation.CENTRAL_ACCOUNT) {
        error("BC233", sourceMap.value(p.appendProperty("vault")), "rule '" + ruleName + "' backs up into central vault '"
            + rule.vault() + "'; a rule's vault must be in the same account as the resources",
            "target a member vault and add 'copy_to: [{vault: " + rule.vault() + "}]'");
      } else {
        checkRetentionAgainstLock(rule.lifecycle(), rule.continuousBackup(), rule.vault(), target, lp, "recovery points");
      }
    }
    for (int i = 0; i < rule.copyTo().size(); i++) {
      CopyAction copy = rule.copyTo().get(i);
      JsonPointer cp = p.appendProperty("copy_to").appendIndex(i);
      if (copy.region() != null) {
        checkRegion(copy.region(), cp.appendProperty("region"));
      } else if (plan.regions().size() > 1) {
        error("BC237", sourceMap.value(cp), "plan '" + planName + "' runs in " + plan.regions().size()
            + " regions, so the copy to '" + copy.vault() + "' needs a region",
            "add 'region: <region>' to this copy; a copy action names one destination vault ARN");
      }
      if (copy.lifecycle() != null) {
        checkLifecycle(copy.lifecycle(), false, cp.appendProperty("lifecycle"));
      }
      if (reference(copy.vault(), c.vaults().keySet(), "vault", cp.appendProperty("vault"), false)) {
        Vault destination = c.vaults().get(copy.vault());
        Lifecycle effective = copy.lifecycle() != null ? copy.lifecycle() : rule.lifecycle();
        checkRetentionAgainstLock(effective, false, copy.vault(), destination,
            copy.lifecycle() != null ? cp.appendProperty("lifecycle") : cp, "copies");
        // A copy without a region stays in each plan region; one with a region lands in the vault the
        // rule itself backs up to wherever the plan also runs in that region.
        boolean sameRegion = copy.region() == null || plan.regions().contains(copy.region());
        if (copy.vault().equals(rule.vault()) && sameRegion) {
          error("BC236", sourceMap.value(cp.appendProperty("vault")), "rule '" + ruleName
              + "' copies into the vault it backs up to, in the same region"
              + (copy.region() == null ? "" : " (" + copy.region() + ", where plan '" + planName + "' also runs)"),
              "copy to another vault or another region");
        }
      }
    }
  }

  private void checkLifecycle(Lifecycle lifecycle, boolean continuous, JsonPointer p) {
    Integer cold = lifecycle.coldStorageAfterDays();
    Integer delete = lifecycle.deleteAfterDays();
    if (delete == null) {
      error("BC215", sourceMap.key(p), "the lifecycle has no delete_after_days",
          "say how long recovery points are kept, e.g. 'delete_after_days: 35'; without it they are kept for ever");
      return;
    }
    if (delete < 1) {
      error("BC215", sourceMap.value(p.appendProperty("delete_after_days")), "delete_after_days must be at least 1", null);
    }
    if (cold != null && continuous) {
      error("BC212", sourceMap.value(p.appendProperty("cold_storage_after_days")),
          "continuous backups cannot move to cold storage", "remove cold_storage_after_days, or disable continuous_backup");
    } else if (cold != null && delete < cold + 90) {
      error("BC211", sourceMap.value(p.appendProperty("delete_after_days")), "delete_after_days (" + delete
          + ") must be at least 90 days after cold_storage_after_days (" + cold + ")",
          "AWS keeps recovery points in cold storage for at least 90 days: use delete_after_days: " + (cold + 90) + " or more");
    }
    if (continuous && (delete < 1 || delete > 35)) {
      error("BC213", sourceMap.value(p.appendProperty("delete_after_days")), "continuous backups are kept 1 to 35 days, not "
          + delete, "use delete_after_days: 35 or less, and a snapshot rule for longer retention");
    }
  }

  /**
   * Backup indexes (index_actions of AWS's backup policy syntax): EBS and S3 recovery points only
   * ("Backup index and search", AWS Backup Developer Guide); the provider's aws_backup_plan (6.25.0)
   * has no index setting, so single-account catalogues cannot have them.
   */
  private void checkIndexes(Catalogue c, Rule rule, JsonPointer p) {
    if (rule.indexResourceTypes().isEmpty()) {
      return;
    }
    if (c.organization() == null) {
      error("BC531", sourceMap.key(p), "backup indexes are set through organization backup policies (index_actions); "
          + "the Terraform provider's aws_backup_plan has no such setting", "remove index_resource_types, or set up "
          + "indexes on the plan outside the catalogue");
    }
    for (int i = 0; i < rule.indexResourceTypes().size(); i++) {
      String type = rule.indexResourceTypes().get(i);
      if (!INDEXED_TYPES.contains(type)) {
        error("BC532", sourceMap.value(p.appendIndex(i)), "AWS Backup builds backup indexes of EBS and S3 recovery points, "
            + "not " + type, "list EBS and/or S3");
      }
    }
  }

  /** Resource types AWS Backup indexes for search. */
  static final List<String> INDEXED_TYPES = List.of("EBS", "S3");

  /**
   * Retention against the destination vault's lock (BC214), at {@code p}'s delete_after_days (or the
   * nearest value the catalogue writes). Also for the rules and copies a layered policy changes.
   */
  void checkRetentionAgainstLock(Lifecycle lifecycle, boolean continuous, String vaultName, Vault vault, JsonPointer p,
      String what) {
    VaultLock lock = vault.effectiveLock();
    Integer delete = lifecycle.deleteAfterDays();
    if (lock == null || delete == null) {
      return;
    }
    JsonPointer at = p.appendProperty("delete_after_days");
    if (lock.minRetentionDays() != null && delete < lock.minRetentionDays()) {
      error("BC214", sourceMap.value(at), what + " kept " + delete + " days go to vault '" + vaultName
          + "', whose lock requires at least " + lock.minRetentionDays() + " days; every job would fail",
          "keep them " + lock.minRetentionDays() + " days or more, or lower the lock's min_retention_days");
    }
    if (lock.maxRetentionDays() != null && delete > lock.maxRetentionDays()) {
      error("BC214", sourceMap.value(at), what + " kept " + delete + " days go to vault '" + vaultName
          + "', whose lock allows at most " + lock.maxRetentionDays() + " days; every job would fail",
          "keep them " + lock.maxRetentionDays() + " days or less, or raise the lock's max_retention_days");
    }
  }

  void checkSelection(String name, Selection selection, JsonPointer p) {
    if (!RULE_NAME.matcher(name).matches()) {
      error("BC107", sourceMap.key(p), "selection name '" + name + "' is not valid", "use 1-50 letters, digits and _.-");
    }
    boolean byType = !selection.resourceTypes().isEmpty();
    boolean byTag = selection.tag() != null;
    if (byTag && (selection.tag().value() == null) == selection.tag().values().isEmpty()) {
      error("BC530", sourceMap.key(p.appendProperty("tag")), selection.tag().value() == null
          ? "the tag of selection '" + name + "' gives neither value nor values"
          : "the tag of selection '" + name + "' gives both value and values",
          "give 'value: <one value>' or 'values: [<any of these>]'");
    }
    if (byType == byTag) {
      error("BC241", sourceMap.key(p), byType ? "selection '" + name + "' has both resource_types and tag"
          : "selection '" + name + "' has neither resource_types nor tag",
          "AWS selections pick resources by type or by tag; split it into two selections");
    }
    for (int i = 0; i < selection.resourceTypes().size(); i++) {
      checkResourceType(selection.resourceTypes().get(i), p.appendProperty("resource_types").appendIndex(i));
      if (selection.resourceTypes().get(i).equals("S3")) {
        warning("BC301", sourceMap.value(p.appendProperty("resource_types").appendIndex(i)),
            "S3 is selected: AWS Backup backs up only buckets with versioning enabled",
            "enable versioning (and a lifecycle rule for noncurrent versions) on the buckets to back up");
      }
    }
    for (int i = 0; i < selection.excludeResources().size(); i++) {
      checkResourceType(selection.excludeResources().get(i), p.appendProperty("exclude_resources").appendIndex(i));
    }
    // A tag selection is written as a string_equals condition on the tag (BackupPolicyDocuments): it counts.
    int conditions = selection.conditions().count() + (byTag ? 1 : 0);
    if (conditions > 30) {
      error("BC242", sourceMap.key(p.appendProperty("conditions")), "selection '" + name + "' has "
          + conditions + " conditions" + (byTag ? " (its tag is one)" : "") + "; AWS allows 30", "split the selection");
    }
    if (byTag && selection.conditions().tagEquals().containsKey(selection.tag().key())) {
      error("BC247", sourceMap.key(p.appendProperty("conditions").appendProperty("tag_equals").appendProperty(selection.tag().key())),
          "selection '" + name + "' selects by tag '" + selection.tag().key() + "' and also requires it to equal '"
              + selection.conditions().tagEquals().get(selection.tag().key()) + "'",
          "give the values under tag alone, and remove '" + selection.tag().key() + "' from conditions.tag_equals");
    }
  }

  private void checkResourceType(String type, JsonPointer p) {
    if (ResourceTypes.arnPattern(type).isEmpty()) {
      error("BC243", sourceMap.value(p), "'" + type + "' is not a resource type this catalogue knows"
          + Suggestions.closest(type, ResourceTypes.names()).map(s -> "; did you mean '" + s + "'?").orElse(""),
          "use one of " + String.join(", ", ResourceTypes.names()) + ", an ARN pattern (arn:aws:...), or *");
    }
  }
}
