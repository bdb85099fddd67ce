package io.github.backupcatalogue.diagnostics;

import java.util.Objects;

/**
 * One problem found in a catalogue, with a stable code, where it is, what is wrong and how to fix
 * it.
 *
 * <p>{@link #format(SourceFile)} prints it the way compilers do:
 *
 * <pre>
 * backup-catalogue.yaml:12:17: error[BC201]: schedule "cron(0 0 * *)" has 4 fields, AWS cron has 6
 *    12 |       schedule: cron(0 0 * *)
 *       |                 ^
 *    = hint: write minutes hours day-of-month month day-of-week year, e.g. cron(0 5 ? * * *)
 * </pre>
 *
 * @param severity error or warning
 * @param code the stable code, e.g. {@code BC201}; see the README's table of codes
 * @param position where in the file the problem is
 * @param message what is wrong, in one sentence
 * @param hint how to fix it, or {@code null}
 */
public record Diagnostic(Severity severity, String code, Position position, String message, String hint) {

  /** Longest part of a source line shown under a diagnostic, in characters. */
  static final int MAX_SHOWN = 160;

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(message, "message");
    if (!code.matches("BC\\d{3}")) {
      throw new IllegalArgumentException("diagnostic codes look like BC123, got " + code);
    }
  }

  /** The first line alone: {@code file:line:column: error[CODE]: message}. */
  public String headline(String fileName) {
    return fileName + ":" + position.line() + ":" + position.column() + ": " + severity.label() + "[" + code + "]: "
        + message;
  }

  /** The headline, the offending source line with a caret under the column, and the hint. */
  public String format(SourceFile source) {
    return format(source, Lines.of(source.text()));
  }

  /** {@link #format(SourceFile)} with the file's lines already indexed. */
  public String format(SourceFile source, Lines lines) {
    StringBuilder out = new StringBuilder(headline(source.displayName())).append('\n');
    String number = Integer.toString(position.line());
    String gutter = " ".repeat(number.length() + 1);
    String line = lines.line(position.line());
    if (!line.isEmpty()) {
      // Columns count code points; a long line is shown as a window around the column.
      int[] points = line.codePoints().toArray();
      int caret = Math.min(Math.max(0, position.column() - 1), points.length);
      int from = points.length > MAX_SHOWN ? Math.max(0, Math.min(caret - MAX_SHOWN / 2, points.length - MAX_SHOWN)) : 0;
      int to = Math.min(points.length, from + MAX_SHOWN);
      String shown = (from > 0 ? "..." : "") + new String(points, from, to - from) + (to < points.length ? "..." : "");
      out.append(' ').append(number).append(" | ").append(shown).append('\n');
      out.append(gutter).append(" | ").append(" ".repeat(caret - from + (from > 0 ? 3 : 0))).append("^\n");
    }
    if (hint != null) {
      out.append(gutter).append(" = hint: ").append(hint).append('\n');
    }
    return out.toString();
  }
}
