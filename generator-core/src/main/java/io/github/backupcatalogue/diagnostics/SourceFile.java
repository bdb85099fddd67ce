package io.github.backupcatalogue.diagnostics;

import java.util.List;
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

  /** The given 1-based line without its line break, or "" when the file has no such line. */
  public String line(int number) {
    List<String> lines = text.lines().toList();
    return number >= 1 && number <= lines.size() ? lines.get(number - 1) : "";
  }
}
