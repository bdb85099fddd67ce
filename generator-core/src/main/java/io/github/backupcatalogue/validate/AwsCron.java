package io.github.backupcatalogue.validate;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AWS's cron dialect as AWS Backup accepts it: {@code cron(minutes hours day-of-month month
 * day-of-week year)}, six fields, exactly one of day-of-month and day-of-week being {@code ?}, and a
 * fixed minute so that a rule runs at most once an hour (AWS Backup's shortest interval).
 */
public final class AwsCron {

  private static final String NUM = "\\d{1,4}";
  private static final String MONTHS = "JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC";
  private static final String DAYS = "SUN|MON|TUE|WED|THU|FRI|SAT";

  /** A field: {@code *}, or a comma list of values, ranges and steps, with per-field words. */
  private static Pattern field(String atom) {
    String item = "(?:\\*|" + atom + ")(?:-(?:" + atom + "))?(?:/" + NUM + ")?";
    return Pattern.compile(item + "(?:," + item + ")*");
  }

  private static final Pattern MINUTES = field(NUM);
  private static final Pattern HOURS = field(NUM);
  private static final Pattern DAY_OF_MONTH = Pattern.compile("\\?|L|LW|" + NUM + "W|" + field(NUM).pattern());
  private static final Pattern MONTH = field(NUM + "|" + MONTHS);
  private static final Pattern DAY_OF_WEEK = Pattern.compile("\\?|(?:[1-7]|" + DAYS + ")L|(?:[1-7]|" + DAYS + ")#[1-5]|"
      + field("[1-7]|" + DAYS).pattern());
  private static final Pattern YEAR = field(NUM);

  private AwsCron() {}

  /** A problem with an expression: what is wrong and how to write it. */
  public record Problem(boolean tooFrequent, String message, String hint) {}

  /** The problem with {@code expression}, or empty when AWS Backup accepts it. */
  public static Optional<Problem> check(String expression) {
    String example = "e.g. cron(0 5 ? * * *) for 05:00 UTC every day";
    if (expression.startsWith("rate(")) {
      return problem("AWS Backup accepts only cron schedules, not rate()", "write the schedule as cron(...), " + example);
    }
    if (!expression.startsWith("cron(") || !expression.endsWith(")")) {
      return problem("schedule '" + expression + "' is not a cron(...) expression", "write cron(minutes hours day-of-month month day-of-week year), " + example);
    }
    String[] fields = expression.substring(5, expression.length() - 1).trim().split("\\s+");
    if (fields.length != 6) {
      return problem("schedule '" + expression + "' has " + fields.length + " fields; AWS cron has 6",
          "write minutes hours day-of-month month day-of-week year, " + example);
    }
    String[] names = {"minutes", "hours", "day-of-month", "month", "day-of-week", "year"};
    Pattern[] patterns = {MINUTES, HOURS, DAY_OF_MONTH, MONTH, DAY_OF_WEEK, YEAR};
    int[][] ranges = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {1, 7}, {1970, 2199}};
    for (int i = 0; i < 6; i++) {
      if (!patterns[i].matcher(fields[i]).matches()) {
        return problem("the " + names[i] + " field '" + fields[i] + "' of '" + expression + "' is not valid AWS cron",
            "see the AWS cron reference; " + example);
      }
      for (String number : fields[i].replaceAll("[^0-9]+", " ").trim().split(" ")) {
        if (number.isEmpty() || (i == 4 && fields[i].contains("#")) || (i == 2 && fields[i].endsWith("W"))) {
          continue;
        }
        int value = Integer.parseInt(number);
        boolean step = fields[i].contains("/" + number);
        if (!step && (value < ranges[i][0] || value > ranges[i][1])) {
          return problem("the " + names[i] + " field of '" + expression + "' has " + value + ", outside "
              + ranges[i][0] + "-" + ranges[i][1], example);
        }
      }
    }
    boolean domAny = fields[2].equals("?");
    boolean dowAny = fields[4].equals("?");
    if (domAny == dowAny) {
      return problem("'" + expression + "' must have '?' in exactly one of day-of-month and day-of-week",
          "write '?' for the day field you do not use, " + example);
    }
    if (!fields[0].matches("\\d{1,2}")) {
      return Optional.of(new Problem(true, "schedule '" + expression + "' runs more than once an hour; AWS Backup's"
          + " shortest interval is one hour", "fix the minutes field to a single number, e.g. cron(0 * ? * * *) for hourly"));
    }
    return Optional.empty();
  }

  private static Optional<Problem> problem(String message, String hint) {
    return Optional.of(new Problem(false, message, hint));
  }
}
