package io.github.backupcatalogue.diagnostics;

/**
 * How bad a {@link Diagnostic} is: errors stop generation, warnings do not (unless asked to), notes
 * never do (a note is a warning the catalogue acknowledges, with its reason).
 */
public enum Severity {
  ERROR("error"),
  WARNING("warning"),
  NOTE("note");

  private final String label;

  Severity(String label) {
    this.label = label;
  }

  /** The lower-case word printed in a diagnostic, as compilers print it. */
  public String label() {
    return label;
  }
}
