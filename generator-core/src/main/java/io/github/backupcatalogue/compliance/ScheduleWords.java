package io.github.backupcatalogue.compliance;

import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An AWS cron schedule in plain words, with its time in UTC: "every day at 02:00 UTC", "every
 * Sunday at 03:00 Europe/London (02:00 UTC in winter, 03:00 UTC in summer)". Schedules it has no
 * words for are quoted as written. Deterministic: the UTC offsets are those of the zone's rules in
 * January and July of a fixed year, not of today.
 */
public final class ScheduleWords {

  private ScheduleWords() {}

  private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
  private static final int REFERENCE_YEAR = 2025;

  /** The schedule in words; {@code timezone} null means UTC. */
  public static String of(String schedule, String timezone) {
    String[] f = schedule.substring(schedule.indexOf('(') + 1, schedule.lastIndexOf(')')).trim().split("\\s+");
    if (f.length != 6) {
      return "on the schedule " + schedule;
    }
    String days = days(f[2], f[4]);
    String months = f[3].equals("*") ? "" : " in " + months(f[3]);
    String years = f[5].equals("*") ? "" : " in " + f[5];
    String time;
    if (f[0].matches("\\d{1,2}") && f[1].matches("\\d{1,2}")) {
      int hour = Integer.parseInt(f[1]);
      int minute = Integer.parseInt(f[0]);
      time = " at " + clock(hour, minute) + zoneWords(hour, minute, timezone);
    } else if (f[0].matches("\\d{1,2}") && f[1].matches("\\*|0/1")) {
      time = ", every hour at minute " + Integer.parseInt(f[0]) + zoneName(timezone);
    } else if (f[0].matches("\\d{1,2}") && f[1].matches("\\*/\\d+|0/\\d+")) {
      time = ", every " + f[1].substring(f[1].indexOf('/') + 1) + " hours at minute " + Integer.parseInt(f[0]) + zoneName(timezone);
    } else {
      return "on the schedule " + schedule + zoneName(timezone);
    }
    if (days == null) {
      return "on the schedule " + schedule + zoneName(timezone);
    }
    return days + months + years + time;
  }

  private static String zoneName(String timezone) {
    return timezone == null || timezone.equals("UTC") ? " (UTC)" : " (" + timezone + ")";
  }

  private static String days(String dom, String dow) {
    boolean anyDom = dom.equals("*") || dom.equals("?");
    boolean anyDow = dow.equals("*") || dow.equals("?");
    if (anyDom && anyDow) {
      return "every day";
    }
    if (anyDom) {
      List<String> names = new ArrayList<>();
      for (String part : dow.split(",")) {
        String[] range = part.split("-");
        if (range.length == 2) {
          String a = day(range[0]);
          String b = day(range[1]);
          if (a == null || b == null) {
            return null;
          }
          names.add(a + " to " + b);
        } else {
          String d = day(part);
          if (d == null) {
            return null;
          }
          names.add(d);
        }
      }
      return "every " + join(names);
    }
    if (anyDow) {
      if (dom.equals("L")) {
        return "on the last day of every month";
      }
      if (dom.matches("\\d{1,2}(,\\d{1,2})*")) {
        return "on day " + join(List.of(dom.split(","))) + " of every month";
      }
    }
    return null;
  }

  private static String day(String token) {
    String name = null;
    if (token.matches("[1-7]")) {
      name = DAYS[Integer.parseInt(token) - 1];
    } else if (List.of(DAYS).contains(token.toUpperCase(Locale.ROOT))) {
      name = token.toUpperCase(Locale.ROOT);
    }
    if (name == null) {
      return null;
    }
    int index = List.of(DAYS).indexOf(name);
    return java.time.DayOfWeek.of(index == 0 ? 7 : index).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
  }

  private static String months(String field) {
    List<String> names = new ArrayList<>();
    for (String part : field.split(",")) {
      if (part.matches("\\d{1,2}")) {
        names.add(Month.of(Integer.parseInt(part)).getDisplayName(TextStyle.FULL, Locale.ENGLISH));
      } else {
        names.add(part);
      }
    }
    return join(names);
  }

  private static String join(List<String> parts) {
    return parts.size() == 1 ? parts.get(0) : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
  }

  private static String clock(int hour, int minute) {
    return String.format(Locale.ROOT, "%02d:%02d", hour, minute);
  }

  private static String zoneWords(int hour, int minute, String timezone) {
    if (timezone == null || timezone.equals("UTC") || timezone.equals("Etc/UTC")) {
      return " UTC";
    }
    ZoneId zone = ZoneId.of(timezone);
    String winter = utc(hour, minute, zone, 1);
    String summer = utc(hour, minute, zone, 7);
    return " " + timezone + (winter.equals(summer) ? " (" + winter + " UTC)" : " (" + winter + " UTC in January, " + summer + " UTC in July)");
  }

  private static String utc(int hour, int minute, ZoneId zone, int month) {
    var local = LocalDateTime.of(REFERENCE_YEAR, month, 15, hour, minute).atZone(zone).withZoneSameInstant(ZoneOffset.UTC);
    return clock(local.getHour(), local.getMinute());
  }
}
