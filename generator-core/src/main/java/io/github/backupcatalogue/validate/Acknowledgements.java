package io.github.backupcatalogue.validate;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.backupcatalogue.catalogue.Acknowledgement;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.Severity;
import io.github.backupcatalogue.load.SourceMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalogue's {@code acknowledge} list, applied last: a warning whose code an entry names and
 * whose position lies at or below the entry's place becomes a note with the entry's reason. Entries
 * naming errors, malformed codes or no reason are errors (BC018); entries that acknowledge nothing are
 * warnings (BC309), once the run had no errors (with errors, later checks did not run).
 */
public final class Acknowledgements {

  private static final Pattern CODE = Pattern.compile("BC\\d{3}");
  private static final Pattern WARNING_CODE = Pattern.compile("BC3\\d{2}");
  /** One segment of a place: a name, then any list indexes, e.g. {@code resource_types[0]}. */
  private static final Pattern SEGMENT = Pattern.compile("([^\\[\\]]+)((?:\\[\\d+])*)");
  private static final String UNUSED = "BC309";

  private Acknowledgements() {}

  /** {@code all} with the acknowledged warnings turned into notes, plus the acknowledgements' own problems. */
  public static List<Diagnostic> apply(Catalogue catalogue, SourceMap sourceMap, List<Diagnostic> all) {
    List<Acknowledgement> entries = catalogue.acknowledge();
    if (entries.isEmpty()) {
      return all;
    }
    List<Diagnostic> problems = new ArrayList<>();
    List<Optional<JsonPointer>> pointers = new ArrayList<>();
    List<Optional<SourceMap.Extent>> places = new ArrayList<>();
    boolean[] valid = new boolean[entries.size()];
    // An extent scans the source map: only entries whose code some warning has need one.
    Set<String> warned = new HashSet<>();
    all.stream().filter(d -> d.severity() == Severity.WARNING).forEach(d -> warned.add(d.code()));
    for (int i = 0; i < entries.size(); i++) {
      Acknowledgement a = entries.get(i);
      JsonPointer p = JsonPointer.empty().appendProperty("acknowledge").appendIndex(i);
      valid[i] = check(a, p, sourceMap, problems);
      pointers.add(valid[i] ? resolve(JsonPointer.empty(), a.at().strip(), sourceMap) : Optional.empty());
      places.add(valid[i] && warned.contains(a.code()) ? pointers.get(i).flatMap(sourceMap::extent) : Optional.empty());
    }
    boolean[] used = new boolean[entries.size()];
    List<Diagnostic> result = new ArrayList<>(all.size() + problems.size());
    for (Diagnostic d : all) {
      int by = -1;
      if (d.severity() == Severity.WARNING) {
        for (int i = 0; i < entries.size() && by < 0; i++) {
          if (valid[i] && entries.get(i).code().equals(d.code()) && places.get(i).map(e -> e.contains(d.position())).orElse(false)) {
            by = i;
          }
        }
      }
      if (by < 0) {
        result.add(d);
      } else {
        used[by] = true;
        result.add(new Diagnostic(Severity.NOTE, d.code(), d.position(),
            d.message() + " (acknowledged: " + entries.get(by).reason().strip() + ")", null));
      }
    }
    result.addAll(problems);
    if (result.stream().noneMatch(d -> d.severity() == Severity.ERROR)) {
      for (int i = 0; i < entries.size(); i++) {
        if (valid[i] && !used[i]) {
          Acknowledgement a = entries.get(i);
          JsonPointer p = JsonPointer.empty().appendProperty("acknowledge").appendIndex(i);
          result.add(new Diagnostic(Severity.WARNING, UNUSED, sourceMap.value(p),
              "acknowledges " + a.code() + " at " + a.at().strip() + ", but no such warning remains: remove it",
              pointers.get(i).isPresent() ? "the warning was fixed or moved; delete this entry (or correct its code or place)"
                  : "'" + a.at().strip() + "' names nothing in the catalogue; write a dotted path of its names, "
                      + "e.g. plans.Daily or plans.Daily.selections.s3-buckets"));
        }
      }
    }
    return result;
  }

  /** Reports what makes an entry unusable; true when it can acknowledge warnings. */
  private static boolean check(Acknowledgement a, JsonPointer p, SourceMap sourceMap, List<Diagnostic> problems) {
    boolean ok = true;
    if (!CODE.matcher(a.code()).matches()) {
      problems.add(new Diagnostic(Severity.ERROR, "BC018", sourceMap.value(p.appendProperty("code")),
          "'" + a.code() + "' is not a diagnostic code", "codes look like BC301; see the README's table of codes"));
      ok = false;
    } else if (!WARNING_CODE.matcher(a.code()).matches()) {
      problems.add(new Diagnostic(Severity.ERROR, "BC018", sourceMap.value(p.appendProperty("code")),
          a.code() + " is an error, and errors cannot be acknowledged",
          "fix what the error says; only warnings (BC3xx) can be acknowledged"));
      ok = false;
    } else if (a.code().equals(UNUSED)) {
      problems.add(new Diagnostic(Severity.ERROR, "BC018", sourceMap.value(p.appendProperty("code")),
          UNUSED + " (an unused acknowledgement) cannot be acknowledged", "remove the unused acknowledgement instead"));
      ok = false;
    }
    if (a.at().isBlank()) {
      problems.add(new Diagnostic(Severity.ERROR, "BC018", sourceMap.value(p.appendProperty("at")),
          "the acknowledgement has no place", "write a dotted path of catalogue names, e.g. plans.Daily"));
      ok = false;
    }
    if (a.reason().isBlank()) {
      problems.add(new Diagnostic(Severity.ERROR, "BC018", sourceMap.value(p.appendProperty("reason")),
          "the acknowledgement of " + a.code() + " has no reason", "say why the warning is accepted, for reviewers and auditors"));
      ok = false;
    }
    return ok;
  }

  /**
   * The pointer a dotted place names, e.g. {@code plans.Daily.selections.s3} -> {@code
   * /plans/Daily/selections/s3}. Names may contain dots themselves: the shortest names that exist win.
   */
  static Optional<JsonPointer> resolve(JsonPointer base, String place, SourceMap sourceMap) {
    if (place.isEmpty()) {
      return Optional.of(base);
    }
    for (int end = place.indexOf('.'); ; end = place.indexOf('.', end + 1)) {
      String head = end < 0 ? place : place.substring(0, end);
      Matcher m = SEGMENT.matcher(head);
      if (m.matches()) {
        JsonPointer candidate = base.appendProperty(m.group(1));
        Matcher index = Pattern.compile("\\[(\\d+)]").matcher(m.group(2));
        while (index.find() && candidate != null) {
          candidate = index.group(1).length() > 9 ? null : candidate.appendIndex(Integer.parseInt(index.group(1)));
        }
        if (candidate != null && sourceMap.has(candidate)) {
          Optional<JsonPointer> found = resolve(candidate, end < 0 ? "" : place.substring(end + 1), sourceMap);
          if (found.isPresent()) {
            return found;
          }
        }
      }
      if (end < 0) {
        return Optional.empty();
      }
    }
  }
}
