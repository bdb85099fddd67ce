package io.github.backupcatalogue.diagnostics;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How diagnostics are printed: {@code text} for people (the default), {@code json} for scripts,
 * {@code github} for GitHub Actions annotations (inline in a pull request), {@code sarif} (2.1.0)
 * for code scanning.
 */
public enum DiagnosticFormat {
  TEXT,
  JSON,
  GITHUB,
  SARIF;

  /** The format named {@code name}, in any case; the message lists the accepted names. */
  public static DiagnosticFormat of(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown diagnostics format '" + name + "'; use one of " + names(), e);
    }
  }

  /** {@code text, json, github, sarif}. */
  public static String names() {
    return Arrays.stream(values()).map(DiagnosticFormat::label).collect(Collectors.joining(", "));
  }

  /** The lower-case name used on the command line and in {@code backup-catalogue.format}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
