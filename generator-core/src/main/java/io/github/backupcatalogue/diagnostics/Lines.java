package io.github.backupcatalogue.diagnostics;

import java.util.Arrays;

/**
 * The line structure of a text, computed once: where each line starts. Lines end at {@code \n},
 * {@code \r\n} or {@code \r}, the breaks YAML and {@link String#lines()} agree on (the loader
 * rejects U+0085, U+2028 and U+2029, which YAML 1.1 would also count). Columns count code points,
 * as the YAML reader counts them.
 */
public final class Lines {

  private final String text;
  /** Offset of the first char of each line; one more line after a final break. */
  private final int[] starts;

  private Lines(String text, int[] starts) {
    this.text = text;
    this.starts = starts;
  }

  public static Lines of(String text) {
    int[] starts = new int[16];
    int count = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = i + 1;
      }
    }
    return new Lines(text, Arrays.copyOf(starts, count));
  }

  /** Number of lines, counting the empty one after a final line break. */
  public int count() {
    return starts.length;
  }

  /** The 1-based line without its break, or "" when there is no such line. */
  public String line(int number) {
    if (number < 1 || number > starts.length) {
      return "";
    }
    int start = starts[number - 1];
    int end = number < starts.length ? starts[number] : text.length();
    while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(start, end);
  }

  /** True when the position names a place in the text: a character of a line or the end of one. */
  public boolean contains(Position position) {
    String line = line(position.line());
    return position.line() <= starts.length && position.column() <= line.codePointCount(0, line.length()) + 1;
  }
}
