package io.github.backupcatalogue.diagnostics;

import java.util.Objects;

/**
 * The text of a catalogue file and the name it is reported under.
 *
 * @param displayName the name printed in diagnostics (a path relative to the project, usually)
 * @param text the whole file
 */
public record SourceFile(String displayName, String text) {

  public SourceFile {
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(text, "text");
  }

  /**
   * The given 1-based line without its line break, or "" when the file has no such line. Scans the
   * text: to look up many lines, use {@link Lines#of} once.
   */
  public String line(int number) {
    return Lines.of(text).line(number);
  }
}
