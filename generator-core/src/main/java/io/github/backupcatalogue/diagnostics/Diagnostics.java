package io.github.backupcatalogue.diagnostics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every problem found in one run, in file order, with the source they refer to. Immutable.
 *
 * @param source the file the diagnostics point into
 * @param all the diagnostics, sorted by position, then code
 */
public record Diagnostics(SourceFile source, List<Diagnostic> all) {

  private static final Comparator<Diagnostic> ORDER = Comparator.comparing(Diagnostic::position)
      .thenComparing(Diagnostic::code)
      .thenComparing(Diagnostic::message);

  public Diagnostics {
    List<Diagnostic> sorted = new ArrayList<>(all);
    sorted.sort(ORDER);
    all = List.copyOf(sorted);
  }

  public List<Diagnostic> errors() {
    return all.stream().filter(d -> d.severity() == Severity.ERROR).toList();
  }

  public List<Diagnostic> warnings() {
    return all.stream().filter(d -> d.severity() == Severity.WARNING).toList();
  }

  /** Warnings the catalogue acknowledges: printed, never failing a build. */
  public List<Diagnostic> notes() {
    return all.stream().filter(d -> d.severity() == Severity.NOTE).toList();
  }

  public boolean hasErrors() {
    return all.stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }

  /** Every diagnostic formatted with its source line, then a one-line summary. */
  public String format() {
    StringBuilder out = new StringBuilder();
    Lines lines = Lines.of(source.text());
    for (Diagnostic d : all) {
      out.append(d.format(source, lines)).append('\n');
    }
    out.append(summary());
    return out.toString();
  }

  /** E.g. {@code backup-catalogue.yaml: 2 errors, 1 warning} (and {@code , 1 note} when there are notes). */
  public String summary() {
    int errors = errors().size();
    int warnings = warnings().size();
    int notes = notes().size();
    return source.displayName() + ": " + plural(errors, "error") + ", " + plural(warnings, "warning")
        + (notes == 0 ? "" : ", " + plural(notes, "note"));
  }

  private static String plural(int count, String word) {
    return count + " " + word + (count == 1 ? "" : "s");
  }
}
