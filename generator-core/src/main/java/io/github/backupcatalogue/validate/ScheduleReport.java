package io.github.backupcatalogue.validate;

import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.Rule;
import io.github.backupcatalogue.load.CatalogueLoader;
import io.github.backupcatalogue.load.LoadResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The next runs of every rule's schedule, for people: what {@code validate} prints with
 * {@code verbose}. Never part of generated files, which must not depend on the time they are made.
 */
public final class ScheduleReport {

  /** How many runs are shown per rule. */
  public static final int RUNS = 3;
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm 'UTC'", java.util.Locale.ENGLISH);
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm z", java.util.Locale.ENGLISH);

  private ScheduleReport() {}

  /** One line per rule with the next runs, or nothing when the catalogue does not load. */
  public static List<String> lines(Path catalogue, String displayName, Clock clock) throws IOException {
    LoadResult load = new CatalogueLoader().load(catalogue, displayName);
    return load.catalogue().map(c -> lines(c, clock)).orElse(List.of());
  }

  /**
   * E.g. {@code plan Daily, rule Nightly: cron(0 3 ? * * *) (Europe/London): Fri 2026-11-27
   * 03:00 UTC (Fri 2026-11-27 03:00 GMT), ...}; a schedule that does not parse or never fires
   * again says so.
   */
  public static List<String> lines(Catalogue catalogue, Clock clock) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, io.github.backupcatalogue.catalogue.Plan> plan : catalogue.plans().entrySet()) {
      for (Map.Entry<String, Rule> rule : plan.getValue().rules().entrySet()) {
        Rule r = rule.getValue();
        var zone = ScheduleChecks.zone(r);
        String head = "plan " + plan.getKey() + ", rule " + rule.getKey() + ": " + r.schedule()
            + (zone.equals(ZoneOffset.UTC) ? "" : " (" + zone + ")") + ": ";
        try {
          List<ZonedDateTime> runs = AwsCron.parse(r.schedule()).nextRuns(clock.instant(), RUNS, zone);
          out.add(head + (runs.isEmpty() ? "no more runs" : String.join(", ", runs.stream().map(run -> describe(run, zone)).toList())));
        } catch (AwsCron.SyntaxException e) {
          out.add(head + "not a valid schedule");
        }
      }
    }
    return out;
  }

  private static String describe(ZonedDateTime run, java.time.ZoneId zone) {
    String utc = UTC.format(run.withZoneSameInstant(ZoneOffset.UTC));
    return zone.equals(ZoneOffset.UTC) ? utc : utc + " (" + LOCAL.format(run) + ")";
  }
}
