package io.github.backupcatalogue.validate;

import io.github.backupcatalogue.catalogue.Rule;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.Position;
import io.github.backupcatalogue.diagnostics.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a syntactically valid schedule means over time: it never fires (BC207), it fires only in
 * the past (BC208), or the longest gap between its runs is longer than its recovery points are
 * kept (BC307).
 */
final class ScheduleChecks {

  /** Runs looked at for the longest gap: enough for hourly schedules limited to a month a year. */
  static final int GAP_SAMPLE = 3000;

  private ScheduleChecks() {}

  /** The rule's time zone, UTC when none is given or it is not a known zone (BC203 says so). */
  static ZoneId zone(Rule rule) {
    if (rule.timezone() == null || !ZoneId.getAvailableZoneIds().contains(rule.timezone())) {
      return ZoneOffset.UTC;
    }
    return ZoneId.of(rule.timezone());
  }

  /** The problems of a rule whose schedule {@link AwsCron#check} accepted. */
  static List<Diagnostic> check(Rule rule, Position at, Clock clock) {
    List<Diagnostic> out = new ArrayList<>();
    AwsCron cron = AwsCron.parse(rule.schedule());
    Optional<String> never = cron.neverFires();
    if (never.isPresent()) {
      out.add(new Diagnostic(Severity.ERROR, "BC207", at, "schedule '" + rule.schedule() + "' never fires: " + never.get(),
          "pick a day that exists in the chosen months, e.g. L for the last day of the month"));
      return out;
    }
    Instant now = clock.instant();
    ZoneId zone = zone(rule);
    if (cron.nextRuns(now, 1, zone).isEmpty()) {
      int year = now.atZone(zone).getYear();
      out.add(new Diagnostic(Severity.ERROR, "BC208", at, "schedule '" + rule.schedule() + "' fires only in the past: "
          + (cron.lastYear() < year ? "its last year is " + cron.lastYear() + ", before " + year
              : "its last run was before " + now.atZone(zone).toLocalDate()),
          "write * in the year field, or years from " + year + " on"));
      return out;
    }
    Integer kept = rule.lifecycle() == null ? null : rule.lifecycle().deleteAfterDays();
    if (kept != null && kept > 0) {
      cron.longestGap(now, zone, GAP_SAMPLE).ifPresent(gap -> {
        // an hour's grace: a daylight-saving change makes a weekly gap 7 days and an hour
        if (gap.compareTo(Duration.ofDays(kept).plusHours(1)) > 0) {
          long days = Math.round(gap.toMinutes() / 1440.0);
          out.add(new Diagnostic(Severity.WARNING, "BC307", at, "backups every " + days + " days but kept " + kept
              + " days: there are days with no recovery point",
              "keep recovery points at least " + days + " days (lifecycle.delete_after_days), or back up more often"));
        }
      });
    }
    return out;
  }
}
