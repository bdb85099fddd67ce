package io.github.backupcatalogue.validate;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.RestoreTestingPlan;
import io.github.backupcatalogue.catalogue.RestoreTestingSelection;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.load.SourceMap;
import io.github.backupcatalogue.load.Suggestions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Restore testing plans: vault references (BC151), names (BC510), schedules (BC511-BC512), ranges
 * (BC513), selections and their resource types (BC514-BC516); FSx without overrides (BC362) and
 * tests that overlap (BC363).
 */
final class RestoreTestingRules extends RuleSupport {

  /** Restore testing plan and selection names: letters, digits and _ , 1-50 (AWS Backup API Reference). */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,50}");
  /** Protected resource ARNs a selection may list (RestoreTestingSelectionForCreate). */
  static final int MAX_RESOURCE_ARNS = 30;

  private final Clock clock;

  RestoreTestingRules(SourceMap sourceMap, List<Diagnostic> problems, Clock clock) {
    super(sourceMap, problems);
    this.clock = clock;
  }

  void check(Catalogue c) {
    c.restoreTesting().forEach((name, plan) -> {
      JsonPointer p = ptr("restore_testing", name);
      if (!NAME.matcher(name).matches()) {
        error("BC510", sourceMap.key(p), "restore testing plan name '" + name + "' is not valid",
            "use 1-50 letters, digits and _ (no - or spaces)");
      }
      checkSchedule(plan, p);
      range(plan.startWindowHours(), 1, 168, "start_window_hours", p.appendProperty("start_window_hours"));
      JsonPointer rp = p.appendProperty("recovery_points");
      range(plan.recoveryPoints().selectionWindowDays(), 1, 365, "selection_window_days", rp.appendProperty("selection_window_days"));
      if (plan.recoveryPoints().vaults().isEmpty()) {
        error("BC514", sourceMap.key(p), "restore testing plan '" + name + "' names no vaults to test",
            "add 'recovery_points: {vaults: [<vault>]}'");
      }
      for (int i = 0; i < plan.recoveryPoints().vaults().size(); i++) {
        String vault = plan.recoveryPoints().vaults().get(i);
        if (!c.vaults().containsKey(vault)) {
          String suggestion = Suggestions.closest(vault, c.vaults().keySet()).map(s -> "; did you mean '" + s + "'?").orElse("");
          error("BC151", sourceMap.value(rp.appendProperty("vaults").appendIndex(i)), "unknown vault '" + vault + "'" + suggestion,
              "defined: " + String.join(", ", new TreeSet<>(c.vaults().keySet())));
        }
      }
      if (plan.selections().isEmpty()) {
        error("BC514", sourceMap.key(p), "restore testing plan '" + name + "' has no selections: it would test nothing",
            "add 'selections: {<name>: {resource_type: DynamoDB}}'");
      }
      plan.selections().forEach((selectionName, selection) ->
          checkSelection(selectionName, selection, p.appendProperty("selections").appendProperty(selectionName)));
    });
  }

  private void checkSchedule(RestoreTestingPlan plan, JsonPointer p) {
    if (plan.schedule() == null) {
      error("BC511", sourceMap.key(p), "a restore testing plan needs a schedule", "add 'schedule: cron(0 5 ? * SUN *)'");
      return;
    }
    var at = sourceMap.value(p.appendProperty("schedule"));
    Optional<AwsCron.Problem> problem = AwsCron.check(plan.schedule());
    if (problem.isPresent()) {
      error("BC511", at, problem.get().message(), problem.get().hint());
      return;
    }
    ZoneId zone = ZoneOffset.UTC;
    if (plan.timezone() != null) {
      if (ZoneId.getAvailableZoneIds().contains(plan.timezone())) {
        zone = ZoneId.of(plan.timezone());
      } else {
        error("BC512", sourceMap.value(p.appendProperty("timezone")), "'" + plan.timezone() + "' is not an IANA time zone",
            "write a zone such as Europe/Berlin, or leave timezone out for UTC");
      }
    }
    AwsCron cron = AwsCron.parse(plan.schedule());
    Optional<String> never = cron.neverFires();
    if (never.isPresent()) {
      error("BC511", at, "schedule '" + plan.schedule() + "' never fires: " + never.get(),
          "pick a day that exists in the chosen months, e.g. L for the last day of the month");
      return;
    }
    if (cron.nextRuns(clock.instant(), 1, zone).isEmpty()) {
      error("BC511", at, "schedule '" + plan.schedule() + "' fires only in the past", "write * in the year field");
      return;
    }
    Optional<Duration> gap = cron.shortestGap(clock.instant(), zone, ScheduleChecks.GAP_SAMPLE);
    if (gap.isPresent() && gap.get().compareTo(Duration.ofHours(plan.startWindowHours())) < 0) {
      warning("BC363", at, "restore tests start every " + gap.get().toHours() + " hours but may start up to "
          + plan.startWindowHours() + " hours late: tests overlap, each restoring full resources",
          "test less often (weekly is common), or shorten start_window_hours");
    }
  }

  private void checkSelection(String name, RestoreTestingSelection s, JsonPointer p) {
    if (!NAME.matcher(name).matches()) {
      error("BC510", sourceMap.key(p), "restore testing selection name '" + name + "' is not valid",
          "use 1-50 letters, digits and _ (no - or spaces)");
    }
    if (s.resourceType() == null) {
      error("BC515", sourceMap.key(p), "restore testing selection '" + name + "' needs a resource_type",
          "add 'resource_type: <one of " + String.join(", ", ResourceTypes.RESTORE_TESTING) + ">'");
    } else if (!ResourceTypes.RESTORE_TESTING.contains(s.resourceType())) {
      boolean known = ResourceTypes.names().contains(s.resourceType());
      String suggestion = known ? "" : Suggestions.closest(s.resourceType(), ResourceTypes.RESTORE_TESTING)
          .map(x -> "; did you mean '" + x + "'?").orElse("");
      error("BC515", sourceMap.value(p.appendProperty("resource_type")), known
          ? "AWS Backup's restore testing does not support " + s.resourceType()
          : "'" + s.resourceType() + "' is not a resource type restore testing supports" + suggestion,
          "restore testing supports " + String.join(", ", ResourceTypes.RESTORE_TESTING));
    } else if (ResourceTypes.RESTORE_TESTING_NEEDS_OVERRIDES.contains(s.resourceType())
        && s.restoreMetadataOverrides().isEmpty()) {
      warning("BC362", sourceMap.value(p.appendProperty("resource_type")), "AWS Backup cannot infer the complete restore "
          + "metadata of " + s.resourceType() + ", and selection '" + name + "' gives no restore_metadata_overrides: its "
          + "restore tests fail", "add the required keys under restore_metadata_overrides (see AWS's 'Restore testing "
          + "inferred metadata')");
    }
    if (s.resources().size() > MAX_RESOURCE_ARNS) {
      error("BC516", sourceMap.value(p.appendProperty("resources")), "selection '" + name + "' lists " + s.resources().size()
          + " resources; AWS accepts at most " + MAX_RESOURCE_ARNS, "select by tag_equals instead");
    }
    for (int i = 0; i < s.resources().size(); i++) {
      String arn = s.resources().get(i);
      if (!arn.startsWith("arn:aws:")) {
        error("BC516", sourceMap.value(p.appendProperty("resources").appendIndex(i)), "'" + arn + "' is not a resource ARN",
            "list ARNs of protected resources, or leave resources out to test every resource of the type");
      }
    }
    if (!s.resources().isEmpty() && !(s.tagEquals().isEmpty() && s.tagNotEquals().isEmpty())) {
      // the provider's aws_backup_restore_testing_selection: ExactlyOneOf(protected_resource_arns, protected_resource_conditions)
      error("BC517", sourceMap.key(p.appendProperty("resources")), "selection '" + name + "' lists resources and tag "
          + "conditions; a restore testing selection picks its resources by ARN or by tag, not both",
          "keep resources (ARNs) or tag_equals/tag_not_equals; split it into two selections to test both");
    }
    if (s.validationWindowHours() != null) {
      range(s.validationWindowHours(), 1, 168, "validation_window_hours", p.appendProperty("validation_window_hours"));
    }
  }

  private void range(int value, int min, int max, String key, JsonPointer at) {
    if (value < min || value > max) {
      error("BC513", sourceMap.value(at), key + " is " + value + "; AWS accepts " + min + " to " + max, null);
    }
  }
}
