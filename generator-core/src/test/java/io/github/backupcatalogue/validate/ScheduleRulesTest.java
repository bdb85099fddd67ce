package io.github.backupcatalogue.validate;

import static io.github.backupcatalogue.Catalogues.organizationWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.backupcatalogue.Catalogues;
import io.github.backupcatalogue.load.LoadResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BC207 (never fires), BC208 (only past years) and BC307 (gaps longer than the retention), at a fixed "now". */
class ScheduleRulesTest {

  private static final String F = "backup-catalogue.yaml:";
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  private static List<String> schedule(String schedule, String lifecycle) {
    String yaml = organizationWith("cron(0 3 ? * * *)", schedule).replace("lifecycle: {delete_after_days: 35}", lifecycle);
    LoadResult load = Catalogues.load(yaml);
    assertThat(load.problems()).isEmpty();
    return new CatalogueValidator(load.sourceMap(), NOW).validate(load.catalogue().orElseThrow()).stream()
        .filter(d -> d.code().matches("BC20[1278]|BC307"))
        .map(d -> d.headline("backup-catalogue.yaml")).toList();
  }

  private static List<String> schedule(String schedule) {
    return schedule(schedule, "lifecycle: {delete_after_days: 35}");
  }

  @Test
  void thirtiethOfFebruaryNeverFires() {
    assertThat(schedule("cron(0 3 30 2 ? *)")).containsExactly(
        F + "28:19: error[BC207]: schedule 'cron(0 3 30 2 ? *)' never fires: day 30 of February never exists");
  }

  @Test
  void onlyPastYearsAreAnError() {
    assertThat(schedule("cron(0 3 ? * * 2020-2025)")).containsExactly(
        F + "28:19: error[BC208]: schedule 'cron(0 3 ? * * 2020-2025)' fires only in the past: its last year is 2025, before 2026");
    assertThat(schedule("cron(0 3 1 1 ? 2026)")).containsExactly(
        F + "28:19: error[BC208]: schedule 'cron(0 3 1 1 ? 2026)' fires only in the past: its last run was before 2026-11-26");
    assertThat(schedule("cron(0 3 ? * * 2026-2030)")).isEmpty();
  }

  @Test
  void theLastDayOfTheWeekIsAccepted() {
    assertThat(schedule("cron(0 5 ? * L *)")).isEmpty();
  }

  @Test
  void aGapLongerThanTheRetentionIsAWarning() {
    assertThat(schedule("cron(0 3 1 * ? *)", "lifecycle: {delete_after_days: 14}")).containsExactly(
        F + "28:19: warning[BC307]: backups every 31 days but kept 14 days: there are days with no recovery point");
    assertThat(schedule("cron(0 3 ? * SUN *)", "lifecycle: {delete_after_days: 7}")).isEmpty();
    assertThat(schedule("cron(0 3 ? * SUN *)", "lifecycle: {delete_after_days: 6}")).containsExactly(
        F + "28:19: warning[BC307]: backups every 7 days but kept 6 days: there are days with no recovery point");
  }

  @Test
  void theNextThreeRunsInUtcAndTheRuleTimeZone() {
    String yaml = organizationWith("cron(0 3 ? * * *)", "cron(0 3 ? * MON-FRI *)").replace("lifecycle: {delete_after_days: 35}",
        "timezone: Europe/London\n        lifecycle: {delete_after_days: 35}");
    assertThat(ScheduleReport.lines(Catalogues.load(yaml).catalogue().orElseThrow(), NOW)).containsExactly(
        "plan Daily, rule Nightly: cron(0 3 ? * MON-FRI *) (Europe/London): Fri 2026-11-27 03:00 UTC (Fri 2026-11-27 03:00 GMT),"
            + " Mon 2026-11-30 03:00 UTC (Mon 2026-11-30 03:00 GMT), Tue 2026-12-01 03:00 UTC (Tue 2026-12-01 03:00 GMT)");
  }
}
