package io.github.backupcatalogue.validate;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.Position;
import io.github.backupcatalogue.diagnostics.Severity;
import io.github.backupcatalogue.load.SourceMap;
import io.github.backupcatalogue.load.Suggestions;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every rule group of {@link CatalogueValidator} shares: the source map, the one list of
 * problems they all add to (so that the order of diagnostics is the order the groups run), and the
 * checks several groups make (account ids, module names, regions, references).
 */
abstract class RuleSupport {

  static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  /** Names that become directories: no separators, no dot-dot, nothing a file system treats specially. */
  private static final Pattern MODULE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  final SourceMap sourceMap;
  /** The one list every rule group adds to, in the order the orchestrator runs them. */
  final List<Diagnostic> problems;

  RuleSupport(SourceMap sourceMap, List<Diagnostic> problems) {
    this.sourceMap = sourceMap;
    this.problems = problems;
  }

  final void checkAccountId(String id, Position at) {
    if (!ACCOUNT_ID.matcher(id).matches()) {
      String digits = id.replaceAll("\\D", "");
      error("BC101", at, "account id '" + id + "' is not 12 digits" + (id.matches("\\d+") ? " (it has " + digits.length() + ")" : ""),
          "AWS account ids are exactly 12 digits; quote them in YAML (\"012345678901\") so leading zeros survive");
    }
  }

  final void checkModuleName(String name, Position at) {
    if (!MODULE_NAME.matcher(name).matches()) {
      error("BC107", at, "account name '" + name + "' cannot name a module directory",
          "use 1-63 lower-case letters, digits, _ and -, starting with a letter or digit");
    }
  }

  final void checkRegions(List<String> regions, JsonPointer p) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < regions.size(); i++) {
      JsonPointer at = p.appendIndex(i);
      if (checkRegion(regions.get(i), at) && !seen.add(regions.get(i))) {
        error("BC106", sourceMap.value(at), "region " + regions.get(i) + " is listed twice", "list each region once");
      }
    }
  }

  /**
   * True when the region is a known region of the aws partition, or a well-formed one this version
   * does not know yet (a warning, BC310: AWS launches regions); reports typos as errors.
   */
  final boolean checkRegion(String region, JsonPointer at) {
    if (AwsRegions.isOtherPartition(region)) {
      error("BC106", sourceMap.value(at), "region " + region + " is in another AWS partition, which is not supported yet",
          "use regions of the standard aws partition");
      return false;
    }
    if (AwsRegions.isKnown(region)) {
      return true;
    }
    java.util.Optional<String> closest = Suggestions.closest(region, AwsRegions.all());
    if (!AwsRegions.isPlausibleNew(region, closest)) {
      error("BC106", sourceMap.value(at), "'" + region + "' is not an AWS region"
          + closest.map(s -> "; did you mean '" + s + "'?").orElse(""),
          "regions look like eu-west-1");
      return false;
    }
    warning("BC310", sourceMap.value(at), "region " + region + " is not one this version of backup-catalogue knows",
        "if AWS launched it recently, ignore this (or acknowledge it); otherwise check the spelling");
    return true;
  }

  /** Reports a name that resolves to nothing; true when it resolves. */
  final boolean reference(String name, Collection<String> known, String kind, JsonPointer p, boolean rootAllowed) {
    if (known.contains(name)) {
      return true;
    }
    String suggestion = Suggestions.closest(name, known).map(s -> "; did you mean '" + s + "'?").orElse("");
    String choices = known.isEmpty() ? "none is defined" : "defined: " + String.join(", ", known);
    error("BC104", sourceMap.value(p), "unknown " + kind + " '" + name + "'" + suggestion,
        (rootAllowed ? "use 'root' or a defined " + kind + "; " : "") + choices);
    return false;
  }

  static JsonPointer ptr(String... parts) {
    JsonPointer p = JsonPointer.empty();
    for (String part : parts) {
      p = p.appendProperty(part);
    }
    return p;
  }

  final Position key(String... parts) {
    return sourceMap.key(ptr(parts));
  }

  final Position value(String... parts) {
    return sourceMap.value(ptr(parts));
  }

  final void error(String code, Position at, String message, String hint) {
    problems.add(new Diagnostic(Severity.ERROR, code, at, message, hint));
  }

  final void warning(String code, Position at, String message, String hint) {
    problems.add(new Diagnostic(Severity.WARNING, code, at, message, hint));
  }
}
