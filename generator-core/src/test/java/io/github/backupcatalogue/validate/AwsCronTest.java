package io.github.backupcatalogue.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cron model against the examples AWS documents: the EventBridge "Cron expressions reference"
 * (its examples table and the wildcards' descriptions) and the AWS Backup API reference
 * (ScheduleExpression: {@code 15 * ? * * *}, {@code 0 12 * * ? *} and the default
 * {@code 0 5 ? * * *}). The next runs are counted from Thursday 2026-11-26 10:00 UTC.
 */
class AwsCronTest {

  private static final Instant FROM = Instant.parse("2026-11-26T10:00:00Z");

  private static List<String> next(String expression, int count) {
    return next(expression, count, ZoneOffset.UTC);
  }

  private static List<String> next(String expression, int count, ZoneId zone) {
    return AwsCron.parse(expression).nextRuns(FROM, count, zone).stream().map(ZonedDateTime::toString).toList();
  }

  static Stream<Arguments> documentedExamples() {
    return Stream.of(
        // EventBridge, examples table
        Arguments.of("cron(0 10 * * ? *)", "run at 10:00 am (UTC+0) every day",
            List.of("2026-11-27T10:00Z", "2026-11-28T10:00Z", "2026-11-29T10:00Z")),
        Arguments.of("cron(15 12 * * ? *)", "run at 12:15 pm (UTC+0) every day",
            List.of("2026-11-26T12:15Z", "2026-11-27T12:15Z", "2026-11-28T12:15Z")),
        Arguments.of("cron(0 18 ? * MON-FRI *)", "run at 6:00 pm (UTC+0) every Monday through Friday",
            List.of("2026-11-26T18:00Z", "2026-11-27T18:00Z", "2026-11-30T18:00Z")),
        Arguments.of("cron(0 8 1 * ? *)", "run at 8:00 am (UTC+0) every first day of the month",
            List.of("2026-12-01T08:00Z", "2027-01-01T08:00Z", "2027-02-01T08:00Z")),
        Arguments.of("cron(0/15 * * * ? *)", "run every 15 minutes",
            List.of("2026-11-26T10:15Z", "2026-11-26T10:30Z", "2026-11-26T10:45Z", "2026-11-26T11:00Z")),
        Arguments.of("cron(0/10 * ? * MON-FRI *)", "run every 10 minutes Monday through Friday",
            List.of("2026-11-26T10:10Z", "2026-11-26T10:20Z")),
        Arguments.of("cron(0/5 8-17 ? * MON-FRI *)", "every 5 minutes Monday through Friday between 8:00 am and 5:55 pm",
            List.of("2026-11-26T10:05Z", "2026-11-26T10:10Z")),
        Arguments.of("cron(0 9 ? * 2#1 *)", "run at 9 am (UTC) the first Monday of each month",
            List.of("2026-12-07T09:00Z", "2027-01-04T09:00Z", "2027-02-01T09:00Z")),
        // EventBridge, wildcards: JAN,FEB,MAR; 1/10 minutes; 3W; 3#2; L in day-of-month
        Arguments.of("cron(0 0 1 JAN,FEB,MAR ? *)", "JAN,FEB,MAR includes January, February and March",
            List.of("2027-01-01T00:00Z", "2027-02-01T00:00Z", "2027-03-01T00:00Z", "2028-01-01T00:00Z")),
        Arguments.of("cron(1/10 10 * * ? *)", "1/10: every tenth minute from the first (1, 11, 21, 31, ...)",
            List.of("2026-11-26T10:01Z", "2026-11-26T10:11Z", "2026-11-26T10:21Z", "2026-11-26T10:31Z")),
        Arguments.of("cron(0 5 3W * ? *)", "3W: the weekday closest to the third day of the month",
            // 3 Jan 2027 is a Sunday -> Monday 4th; 3 Apr 2027 is a Saturday -> Friday 2nd
            List.of("2026-12-03T05:00Z", "2027-01-04T05:00Z", "2027-02-03T05:00Z", "2027-03-03T05:00Z", "2027-04-02T05:00Z")),
        Arguments.of("cron(0 5 ? * 3#2 *)", "3#2: the second Tuesday of the month",
            List.of("2026-12-08T05:00Z", "2027-01-12T05:00Z", "2027-02-09T05:00Z")),
        Arguments.of("cron(0 5 L * ? *)", "L in day-of-month: the last day of the month",
            List.of("2026-11-30T05:00Z", "2026-12-31T05:00Z", "2027-01-31T05:00Z", "2027-02-28T05:00Z")),
        Arguments.of("cron(0 5 ? * L *)", "L in day-of-week: the last day of the week, Saturday",
            List.of("2026-11-28T05:00Z", "2026-12-05T05:00Z", "2026-12-12T05:00Z")),
        // AWS Backup API reference, ScheduleExpression
        Arguments.of("cron(15 * ? * * *)", "every hour at 15 minutes past the hour",
            List.of("2026-11-26T10:15Z", "2026-11-26T11:15Z", "2026-11-26T12:15Z")),
        Arguments.of("cron(0 12 * * ? *)", "every day at 12 noon UTC",
            List.of("2026-11-26T12:00Z", "2026-11-27T12:00Z", "2026-11-28T12:00Z")),
        Arguments.of("cron(0 5 ? * * *)", "AWS Backup's default",
            List.of("2026-11-27T05:00Z", "2026-11-28T05:00Z", "2026-11-29T05:00Z")));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("documentedExamples")
  void documentedExamplesRunWhenAwsSays(String expression, String meaning, List<String> runs) {
    assertThat(next(expression, runs.size())).as(meaning).containsExactlyElementsOf(runs);
  }

  @Test
  void hourlyAndMoreOftenAreTellApart() {
    assertThat(AwsCron.check("cron(15 * ? * * *)")).isEmpty();
    assertThat(AwsCron.check("cron(0/15 * * * ? *)")).get().extracting(AwsCron.Problem::tooFrequent).isEqualTo(true);
    assertThat(AwsCron.check("cron(0 0/2 ? * * *)")).isEmpty();
  }

  @Test
  void theMoreLettersOfTheDayFields() {
    assertThat(next("cron(0 5 LW * ? *)", 3)).containsExactly("2026-11-30T05:00Z", "2026-12-31T05:00Z", "2027-01-29T05:00Z");
    assertThat(next("cron(0 5 ? * 6L *)", 2)).containsExactly("2026-11-27T05:00Z", "2026-12-25T05:00Z");
    assertThat(next("cron(0 5 ? * FRIL *)", 1)).containsExactly("2026-11-27T05:00Z");
    // the 1st a Saturday (May 2027): the nearest weekday in the month is Monday the 3rd
    assertThat(next("cron(0 5 1W 5 ? *)", 1)).containsExactly("2027-05-03T05:00Z");
    assertThat(next("cron(0 5 ? * 1 *)", 1)).as("1 = SUN").containsExactly("2026-11-29T05:00Z");
    assertThat(next("cron(0 5 ? * 7 *)", 1)).as("7 = SAT").containsExactly("2026-11-28T05:00Z");
    assertThat(next("cron(0 5 ? * FRI-MON *)", 4)).as("a range that wraps around the week")
        .containsExactly("2026-11-27T05:00Z", "2026-11-28T05:00Z", "2026-11-29T05:00Z", "2026-11-30T05:00Z");
    assertThat(next("cron(0 5 ? * 5#5 *)", 2)).as("a fifth Thursday, only in months that have one")
        .containsExactly("2026-12-31T05:00Z", "2027-04-29T05:00Z");
  }

  @Test
  void theYearField() {
    assertThat(next("cron(0 5 1 1 ? 2027-2029/2)", 5)).containsExactly("2027-01-01T05:00Z", "2029-01-01T05:00Z");
    assertThat(next("cron(0 5 1 1 ? 2020)", 1)).isEmpty();
  }

  @Test
  void nextRunsInTheRuleTimeZoneAcrossDaylightSaving() {
    ZoneId london = ZoneId.of("Europe/London");
    Instant march = Instant.parse("2027-03-27T00:00:00Z");
    // 01:30 does not exist on 28 March 2027 in London: it runs at 02:30 BST (01:30 UTC)
    assertThat(AwsCron.parse("cron(30 1 ? * * *)").nextRuns(march, 3, london).stream().map(r -> r.toInstant().toString()))
        .containsExactly("2027-03-27T01:30:00Z", "2027-03-28T01:30:00Z", "2027-03-29T00:30:00Z");
    assertThat(next("cron(0 5 ? * * *)", 1, ZoneId.of("America/New_York"))).containsExactly("2026-11-27T05:00-05:00[America/New_York]");
  }

  @Test
  void schedulesThatNeverFireSayWhy() {
    assertThat(AwsCron.parse("cron(0 3 30 2 ? *)").neverFires()).contains("day 30 of February never exists");
    assertThat(AwsCron.parse("cron(0 3 31 4,6 ? *)").neverFires()).contains("day 31 of April or June never exists");
    assertThat(AwsCron.parse("cron(0 3 30W FEB ? *)").neverFires()).contains("day 30 of February never exists");
    assertThat(AwsCron.parse("cron(0 3 ? 2 1#5 *)").neverFires()).isEmpty(); // February 2032 has five Sundays
    assertThat(AwsCron.parse("cron(0 3 29 2 ? 2025-2027)").neverFires()).contains("no date in 2025-2027 matches the day and month fields");
    assertThat(AwsCron.parse("cron(0 3 29 2 ? *)").neverFires()).isEmpty();
    assertThat(AwsCron.parse("cron(0 5 ? * L *)").neverFires()).isEmpty();
  }

  @Test
  void gapsBetweenRuns() {
    assertThat(AwsCron.parse("cron(0 5 ? * * *)").longestGap(FROM, ZoneOffset.UTC, 100)).contains(Duration.ofDays(1));
    assertThat(AwsCron.parse("cron(0 5 1 * ? *)").longestGap(FROM, ZoneOffset.UTC, 100)).contains(Duration.ofDays(31));
    assertThat(AwsCron.parse("cron(0 5 1 * ? *)").shortestGap(FROM, ZoneOffset.UTC, 100)).contains(Duration.ofDays(28));
    assertThat(AwsCron.parse("cron(0 5 29 2 ? *)").longestGap(FROM, ZoneOffset.UTC, 3)).contains(Duration.ofDays(4 * 365 + 1));
    assertThat(AwsCron.parse("cron(0 1,13 ? * MON-FRI *)").shortestGap(FROM, ZoneOffset.UTC, 100)).contains(Duration.ofHours(12));
    assertThat(AwsCron.parse("cron(0 5 1 1 ? 2027)").longestGap(FROM, ZoneOffset.UTC, 10)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "cron(0 5 ? * 3#1,6#3 *)", // EventBridge: "3#1,6#3" is invalid, one '#' expression only
      "cron(60 5 ? * * *)", "cron(0 24 ? * * *)", "cron(0 5 32 * ? *)", "cron(0 5 ? 13 * *)", "cron(0 5 ? * 8 *)",
      "cron(0 5 ? * 0 *)", "cron(0 5 ? * * 1969)", "cron(0 5 ? * * 2200)", "cron(0 5 ? * 2#6 *)", "cron(0 5 L,3 * ? *)",
      "cron(0 5 ? * * 2030-2027)", "cron(0 5 ? FOO * *)", "cron(0 5 ? * MON#1 *)x", "cron(0 5 * * * *)", "cron(0 5 ? * ? *)",
      "cron(L 5 ? * * *)", "cron(0 5 ? * 2/0 *)", "cron(0 ? * * ? *)"})
  void invalidExpressionsAreSyntaxErrors(String expression) {
    assertThatThrownBy(() -> AwsCron.parse(expression)).isInstanceOf(AwsCron.SyntaxException.class);
  }

  @Test
  void namesAreAccepted() {
    assertThat(next("cron(0 5 ? DEC MON#1 *)", 1)).containsExactly("2026-12-07T05:00Z");
    assertThat(next("cron(0 5 ? jan-feb sun *)", 1)).containsExactly("2027-01-03T05:00Z");
  }
}
