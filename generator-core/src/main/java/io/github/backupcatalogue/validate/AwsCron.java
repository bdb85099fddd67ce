package io.github.backupcatalogue.validate;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS's cron dialect as AWS Backup (and EventBridge) accepts it, parsed completely:
 * {@code cron(minutes hours day-of-month month day-of-week year)}.
 *
 * <ul>
 *   <li>minutes 0-59, hours 0-23, month 1-12 or JAN-DEC, year 1970-2199: {@code , - * /};
 *   <li>day-of-month 1-31: {@code , - * / ?}, {@code L} (last day), {@code LW} (last weekday),
 *       {@code 3W} (the weekday nearest the 3rd, within the month);
 *   <li>day-of-week 1-7 = SUN-SAT: {@code , - * / ?}, {@code L} alone (Saturday, the last day of the
 *       week), {@code 6L} (the last Friday of the month), {@code 3#2} (the second Tuesday); a
 *       {@code #} stands alone in its field;
 *   <li>exactly one of day-of-month and day-of-week is {@code ?}.
 * </ul>
 *
 * <p>Ranges may wrap around ({@code FRI-MON}, {@code 22-2}) except in the year field. The next runs
 * are computed with java.time in the rule's time zone: {@link #nextRuns(Instant, int, ZoneId)}.
 * Use {@link #parse(String)} for the model, {@link #check(String)} for the first problem only.
 */
public final class AwsCron {

  private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
  private static final String EXAMPLE = "e.g. cron(0 5 ? * * *) for 05:00 UTC every day";
  private static final String[] NAMES = {"minutes", "hours", "day-of-month", "month", "day-of-week", "year"};
  private static final int[][] RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {1, 7}, {1970, 2199}};
  public static final int FIRST_YEAR = 1970;
  public static final int LAST_YEAR = 2199;

  private static final Pattern NEAREST_WEEKDAY = Pattern.compile("(\\d{1,2})W");
  private static final Pattern LAST_OF_WEEKDAY = Pattern.compile("(\\w{1,3})L");
  private static final Pattern NTH_WEEKDAY = Pattern.compile("(\\w{1,3})#(\\d{1,2})");
  private static final Pattern ITEM = Pattern.compile("(\\*|\\w+)(?:-(\\w+))?(?:/(\\d+))?");

  /** How the day is chosen: by day-of-month or by day-of-week (the other field being {@code ?}). */
  private enum DayRule { DAYS_OF_MONTH, LAST_DAY, LAST_WEEKDAY, NEAREST_WEEKDAY, DAYS_OF_WEEK, LAST_OF_WEEKDAY, NTH_WEEKDAY }

  private final String expression;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet months;
  private final BitSet years;
  private final DayRule dayRule;
  /** Days of month (1-31) or days of week (1-7, SUN = 1), as the day rule says. */
  private final BitSet days;
  /** The day of a {@code W}, the weekday (1-7) of an {@code nL} or {@code n#k}. */
  private final int day;
  /** The k of {@code n#k}. */
  private final int nth;

  private AwsCron(String expression, BitSet minutes, BitSet hours, BitSet months, BitSet years, DayRule dayRule,
      BitSet days, int day, int nth) {
    this.expression = expression;
    this.minutes = minutes;
    this.hours = hours;
    this.months = months;
    this.years = years;
    this.dayRule = dayRule;
    this.days = days;
    this.day = day;
    this.nth = nth;
  }

  /** A problem with an expression: what is wrong and how to write it. */
  public record Problem(boolean tooFrequent, String message, String hint) {}

  /** An expression AWS does not accept; {@link #problem()} says why and how to fix it. */
  public static final class SyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    SyntaxException(Problem problem) {
      super(problem.message());
      this.problem = problem;
    }

    public Problem problem() {
      return problem;
    }
  }

  /**
   * The problem AWS Backup would report for {@code expression} (syntax, or more often than hourly),
   * or empty when it accepts it. Whether it ever fires is {@link #neverFires()}'s question.
   */
  public static Optional<Problem> check(String expression) {
    try {
      AwsCron cron = parse(expression);
      if (cron.minutes.cardinality() > 1) {
        return Optional.of(new Problem(true, "schedule '" + expression + "' runs more than once an hour; AWS Backup's"
            + " shortest interval is one hour", "fix the minutes field to a single number, e.g. cron(0 * ? * * *) for hourly"));
      }
      return Optional.empty();
    } catch (SyntaxException e) {
      return Optional.of(e.problem());
    }
  }

  /** Parses {@code cron(...)}; throws {@link SyntaxException} with a message and a hint. */
  public static AwsCron parse(String expression) {
    if (expression.startsWith("rate(")) {
      throw syntax("AWS Backup accepts only cron schedules, not rate()", "write the schedule as cron(...), " + EXAMPLE);
    }
    if (!expression.startsWith("cron(") || !expression.endsWith(")")) {
      throw syntax("schedule '" + expression + "' is not a cron(...) expression",
          "write cron(minutes hours day-of-month month day-of-week year), " + EXAMPLE);
    }
    String[] fields = expression.substring(5, expression.length() - 1).trim().split("\\s+");
    if (fields.length != 6) {
      throw syntax("schedule '" + expression + "' has " + fields.length + " fields; AWS cron has 6",
          "write minutes hours day-of-month month day-of-week year, " + EXAMPLE);
    }
    Parser parser = new Parser(expression);
    BitSet minutes = parser.list(fields[0], 0, null);
    BitSet hours = parser.list(fields[1], 1, null);
    BitSet months = parser.list(fields[3], 3, MONTHS);
    BitSet years = parser.list(fields[5], 5, null);
    boolean domAny = fields[2].equals("?");
    boolean dowAny = fields[4].equals("?");
    if (domAny == dowAny) {
      throw syntax("'" + expression + "' must have '?' in exactly one of day-of-month and day-of-week",
          "write '?' for the day field you do not use, " + EXAMPLE);
    }
    if (!domAny) {
      String f = fields[2];
      if (f.equals("L")) {
        return new AwsCron(expression, minutes, hours, months, years, DayRule.LAST_DAY, null, 0, 0);
      }
      if (f.equals("LW")) {
        return new AwsCron(expression, minutes, hours, months, years, DayRule.LAST_WEEKDAY, null, 0, 0);
      }
      Matcher w = NEAREST_WEEKDAY.matcher(f);
      if (w.matches()) {
        int d = parser.value(w.group(1), 2, null);
        return new AwsCron(expression, minutes, hours, months, years, DayRule.NEAREST_WEEKDAY, null, d, 0);
      }
      return new AwsCron(expression, minutes, hours, months, years, DayRule.DAYS_OF_MONTH, parser.list(f, 2, null), 0, 0);
    }
    String f = fields[4];
    if (f.equals("L")) {
      BitSet saturday = new BitSet();
      saturday.set(7);
      return new AwsCron(expression, minutes, hours, months, years, DayRule.DAYS_OF_WEEK, saturday, 0, 0);
    }
    Matcher last = LAST_OF_WEEKDAY.matcher(f);
    if (last.matches()) {
      int d = parser.value(last.group(1), 4, DAYS);
      return new AwsCron(expression, minutes, hours, months, years, DayRule.LAST_OF_WEEKDAY, null, d, 0);
    }
    if (f.contains("#")) {
      Matcher nth = NTH_WEEKDAY.matcher(f);
      if (!nth.matches()) {
        throw parser.invalid(4, f, "a '#' stands alone in the day-of-week field, e.g. 3#2 for the second Tuesday");
      }
      int d = parser.value(nth.group(1), 4, DAYS);
      int k = Integer.parseInt(nth.group(2));
      if (k < 1 || k > 5) {
        throw syntax("the day-of-week field of '" + expression + "' asks for weekday number " + k + " of the month;"
            + " a month has at most 5", "write 1 to 5 after the '#', e.g. 2#1 for the first Monday");
      }
      return new AwsCron(expression, minutes, hours, months, years, DayRule.NTH_WEEKDAY, null, d, k);
    }
    return new AwsCron(expression, minutes, hours, months, years, DayRule.DAYS_OF_WEEK, parser.list(f, 4, DAYS), 0, 0);
  }

  private static SyntaxException syntax(String message, String hint) {
    return new SyntaxException(new Problem(false, message, hint));
  }

  /** Field parsing with the expression at hand for messages. */
  private record Parser(String expression) {

    SyntaxException invalid(int field, String text, String hint) {
      return syntax("the " + NAMES[field] + " field '" + text + "' of '" + expression + "' is not valid AWS cron",
          hint != null ? hint : "see the AWS cron reference; " + EXAMPLE);
    }

    /** A comma list of {@code *}, values, ranges and steps. */
    BitSet list(String text, int field, String[] words) {
      int min = RANGES[field][0];
      int max = RANGES[field][1];
      BitSet set = new BitSet();
      for (String item : text.split(",", -1)) {
        Matcher m = ITEM.matcher(item);
        if (!m.matches()) {
          throw invalid(field, text, hintFor(field, item));
        }
        int step = 1;
        if (m.group(3) != null) {
          step = Integer.parseInt(m.group(3));
          if (step < 1 || step > max - min + 1) {
            throw syntax("the " + NAMES[field] + " field of '" + expression + "' steps by " + step + "; "
                + "steps are 1 to " + (max - min + 1), EXAMPLE);
          }
        }
        int from;
        int to;
        if (m.group(1).equals("*")) {
          if (m.group(2) != null) {
            throw invalid(field, text, null);
          }
          from = min;
          to = max;
        } else {
          from = value(m.group(1), field, words);
          // a/n runs from a to the end of the field, as in 0/15 and 1/10
          to = m.group(2) != null ? value(m.group(2), field, words) : m.group(3) != null ? max : from;
        }
        if (to < from && field == 5) {
          throw syntax("the year range " + from + "-" + to + " of '" + expression + "' runs backwards",
              "write the earlier year first, e.g. " + to + "-" + from);
        }
        int span = to >= from ? to - from : to - from + (max - min + 1);
        for (int i = 0; i <= span; i += step) {
          int v = from + i;
          set.set(v > max ? v - (max - min + 1) : v);
        }
      }
      return set;
    }

    /** A number in the field's range, or a name (JAN, MON) where the field has names. */
    int value(String text, int field, String[] words) {
      int min = RANGES[field][0];
      int max = RANGES[field][1];
      if (words != null) {
        for (int i = 0; i < words.length; i++) {
          if (words[i].equalsIgnoreCase(text)) {
            return i + 1;
          }
        }
      }
      if (!text.matches("\\d{1,4}")) {
        throw invalid(field, text, hintFor(field, text));
      }
      int v = Integer.parseInt(text);
      if (v < min || v > max) {
        throw syntax("the " + NAMES[field] + " field of '" + expression + "' has " + v + ", outside " + min + "-" + max,
            field == 4 ? "day-of-week counts 1-7 from Sunday (1 = SUN ... 7 = SAT), " + EXAMPLE : EXAMPLE);
      }
      return v;
    }

    private static String hintFor(int field, String item) {
      if (item.contains("#") || item.endsWith("L") && field == 4) {
        return "write one '#' or 'L' item alone in the day-of-week field, e.g. 6#3 or 6L";
      }
      if (field == 2 && (item.contains("L") || item.contains("W"))) {
        return "write L, LW or a single day with W (e.g. 15W) alone in the day-of-month field";
      }
      if (item.contains("L") || item.contains("W") || item.contains("#") || item.contains("?")) {
        return "'" + item + "': L, W, # and ? are only for the day fields; see the AWS cron reference";
      }
      return null;
    }
  }

  // ---------------------------------------------------------------- the model

  /** The expression as written. */
  public String expression() {
    return expression;
  }

  @Override
  public String toString() {
    return expression;
  }

  /** Whether the schedule fires on this calendar date (in the schedule's time zone). */
  public boolean firesOn(LocalDate date) {
    if (!years.get(date.getYear()) || !months.get(date.getMonthValue())) {
      return false;
    }
    int dom = date.getDayOfMonth();
    int dow = awsDayOfWeek(date.getDayOfWeek());
    int length = date.lengthOfMonth();
    return switch (dayRule) {
      case DAYS_OF_MONTH -> days.get(dom);
      case LAST_DAY -> dom == length;
      case LAST_WEEKDAY -> date.equals(lastWeekday(YearMonth.from(date)));
      case NEAREST_WEEKDAY -> day <= length && date.equals(nearestWeekday(YearMonth.from(date), day));
      case DAYS_OF_WEEK -> days.get(dow);
      case LAST_OF_WEEKDAY -> dow == day && dom + 7 > length;
      case NTH_WEEKDAY -> dow == day && (dom - 1) / 7 + 1 == nth;
    };
  }

  /** AWS numbers the days of the week 1-7 from Sunday. */
  static int awsDayOfWeek(DayOfWeek day) {
    return day.getValue() % 7 + 1;
  }

  private static LocalDate lastWeekday(YearMonth month) {
    LocalDate d = month.atEndOfMonth();
    while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
      d = d.minusDays(1);
    }
    return d;
  }

  /** The weekday nearest the given day, not leaving the month (the 1st, a Saturday, gives Monday the 3rd). */
  private static LocalDate nearestWeekday(YearMonth month, int day) {
    LocalDate d = month.atDay(day);
    if (d.getDayOfWeek() == DayOfWeek.SATURDAY) {
      return day == 1 ? d.plusDays(2) : d.minusDays(1);
    }
    if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
      return day == month.lengthOfMonth() ? d.minusDays(2) : d.plusDays(1);
    }
    return d;
  }

  /**
   * The next {@code count} runs strictly after {@code from}, each at its minute in {@code zone}
   * (a local time skipped by a daylight-saving change runs at the same time after the change; a
   * repeated one runs once, at the first). Fewer when the year field runs out; none when the
   * schedule never fires again.
   */
  public List<ZonedDateTime> nextRuns(Instant from, int count, ZoneId zone) {
    List<ZonedDateTime> runs = new ArrayList<>();
    if (count <= 0) {
      return runs;
    }
    LocalDate date = from.atZone(zone).toLocalDate().minusDays(1);
    Instant last = from;
    while (date.getYear() <= LAST_YEAR) {
      if (!years.get(date.getYear())) {
        int next = years.nextSetBit(date.getYear() + 1);
        if (next < 0) {
          break;
        }
        date = LocalDate.of(next, 1, 1);
        continue;
      }
      if (!months.get(date.getMonthValue())) {
        date = date.withDayOfMonth(1).plusMonths(1);
        continue;
      }
      if (firesOn(date)) {
        for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
          for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
            ZonedDateTime run = ZonedDateTime.of(LocalDateTime.of(date, java.time.LocalTime.of(h, m)), zone);
            if (run.toInstant().isAfter(last)) {
              runs.add(run);
              last = run.toInstant();
              if (runs.size() == count) {
                return runs;
              }
            }
          }
        }
      }
      date = date.plusDays(1);
    }
    return runs;
  }

  /** The next runs in UTC. */
  public List<ZonedDateTime> nextRuns(Instant from, int count) {
    return nextRuns(from, count, ZoneOffset.UTC);
  }

  /**
   * Why the schedule never fires in any year AWS accepts (e.g. "day 30 of February never exists"),
   * or empty when it fires at least once.
   */
  public Optional<String> neverFires() {
    if (dayRule == DayRule.DAYS_OF_MONTH || dayRule == DayRule.NEAREST_WEEKDAY) {
      BitSet wanted = dayRule == DayRule.NEAREST_WEEKDAY ? single(day) : days;
      boolean some = false;
      for (int m = months.nextSetBit(1); m >= 0 && !some; m = months.nextSetBit(m + 1)) {
        some = wanted.nextSetBit(1) <= Month.of(m).maxLength();
      }
      if (!some) {
        return Optional.of(describeDays(wanted) + " of " + describeMonths() + (wanted.cardinality() == 1 ? " never exists" : " never exist"));
      }
    }
    if (dayRule == DayRule.NTH_WEEKDAY && nth == 5) {
      boolean some = false;
      for (int m = months.nextSetBit(1); m >= 0 && !some; m = months.nextSetBit(m + 1)) {
        some = Month.of(m).maxLength() >= 29;
      }
      if (!some) {
        return Optional.of("February never has a fifth " + dayName(day));
      }
    }
    if (nextRuns(LocalDate.of(FIRST_YEAR, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1), 1).isEmpty()) {
      return Optional.of("no date in " + describeYears() + " matches the day and month fields");
    }
    return Optional.empty();
  }

  /** The last year the schedule may fire in. */
  public int lastYear() {
    return years.length() - 1;
  }

  /**
   * The shortest time between two runs over the next {@code sample} runs from {@code from}, or
   * empty with fewer than two runs.
   */
  public Optional<Duration> shortestGap(Instant from, ZoneId zone, int sample) {
    return gap(from, zone, sample, true);
  }

  /**
   * The longest time between two runs over the next {@code sample} runs from {@code from} (a run
   * every day: about a day; the 29th of February: four years or more), or empty with fewer than two
   * runs.
   */
  public Optional<Duration> longestGap(Instant from, ZoneId zone, int sample) {
    return gap(from, zone, sample, false);
  }

  private Optional<Duration> gap(Instant from, ZoneId zone, int sample, boolean shortest) {
    List<ZonedDateTime> runs = nextRuns(from, sample, zone);
    Duration best = null;
    for (int i = 1; i < runs.size(); i++) {
      Duration d = Duration.between(runs.get(i - 1), runs.get(i));
      if (best == null || (shortest ? d.compareTo(best) < 0 : d.compareTo(best) > 0)) {
        best = d;
      }
    }
    return Optional.ofNullable(best);
  }

  private static BitSet single(int value) {
    BitSet set = new BitSet();
    set.set(value);
    return set;
  }

  private static String describeDays(BitSet set) {
    List<String> values = set.stream().mapToObj(Integer::toString).toList();
    return (values.size() == 1 ? "day " : "days ") + String.join(", ", values);
  }

  private String describeMonths() {
    List<String> names = months.stream().mapToObj(m -> Month.of(m).getDisplayName(TextStyle.FULL, Locale.ENGLISH)).toList();
    return names.size() == 1 ? names.get(0) : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
  }

  private String describeYears() {
    int first = years.nextSetBit(0);
    int last = lastYear();
    return first == last ? Integer.toString(first) : first + "-" + last;
  }

  private static String dayName(int awsDay) {
    return DayOfWeek.of((awsDay + 5) % 7 + 1).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
  }
}
