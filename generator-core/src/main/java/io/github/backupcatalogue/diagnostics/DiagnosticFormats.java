package io.github.backupcatalogue.diagnostics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Diagnostics in each {@link DiagnosticFormat}. The file names are the diagnostics' display names
 * (relative to the project directory, usually), which is what GitHub and code scanning resolve
 * against the repository root when the project is at the root.
 */
public final class DiagnosticFormats {

  /** The SARIF 2.1.0 schema's address, written as the log's {@code $schema}. */
  public static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  public static final String TOOL = "backup-catalogue";

  /** What each range of codes is about, as the README's table of codes says. */
  private static final NavigableMap<String, String> CODE_RANGES = new TreeMap<>(Map.ofEntries(
      Map.entry("BC001", "YAML syntax and limits"),
      Map.entry("BC010", "catalogue shape: unknown key, wrong type, missing key, version"),
      Map.entry("BC101", "organization: accounts, organizational units, regions, names and references"),
      Map.entry("BC201", "schedules and backup windows"),
      Map.entry("BC211", "lifecycles and retention"),
      Map.entry("BC221", "vault locks and keys"),
      Map.entry("BC231", "copies to other vaults, regions and accounts"),
      Map.entry("BC241", "selections and backup policies"),
      Map.entry("BC251", "limits of the planned documents"),
      Map.entry("BC018", "acknowledgements of warnings"),
      Map.entry("BC301", "warnings: things that work but need care"),
      Map.entry("BC309", "acknowledgements of warnings"),
      Map.entry("BC310", "warnings: things that work but need care")));

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DiagnosticFormats() {}

  /** The diagnostics in {@code format}; text and github end with a line break. */
  public static String format(Diagnostics diagnostics, DiagnosticFormat format) {
    return switch (format) {
      case TEXT -> diagnostics.format() + "\n";
      case JSON -> json(diagnostics);
      case GITHUB -> github(diagnostics);
      case SARIF -> sarif(diagnostics);
    };
  }

  /** What the range of {@code code} is about, e.g. "schedules and backup windows" for BC202. */
  public static String describe(String code) {
    var range = CODE_RANGES.floorEntry(code);
    return range == null ? "backup catalogue check" : range.getValue();
  }

  /**
   * {@code {"file": ..., "errors": n, "warnings": n, "diagnostics": [{"severity", "code", "file",
   * "line", "column", "message", "hint"}]}}.
   */
  public static String json(Diagnostics diagnostics) {
    ObjectNode root = JSON.createObjectNode();
    String file = diagnostics.source().displayName();
    root.put("file", file);
    root.put("errors", diagnostics.errors().size());
    root.put("warnings", diagnostics.warnings().size());
    ArrayNode all = root.putArray("diagnostics");
    for (Diagnostic d : diagnostics.all()) {
      ObjectNode node = all.addObject();
      node.put("severity", d.severity().label());
      node.put("code", d.code());
      node.put("file", file);
      node.put("line", d.position().line());
      node.put("column", d.position().column());
      node.put("message", d.message());
      if (d.hint() != null) {
        node.put("hint", d.hint());
      }
    }
    return write(root);
  }

  /**
   * GitHub Actions workflow commands, one a line:
   * {@code ::error file=backup-catalogue.yaml,line=12,col=17,title=BC104::message}, the hint on a
   * second line of the message. Printed by a step, they annotate the pull request's files.
   */
  public static String github(Diagnostics diagnostics) {
    StringBuilder out = new StringBuilder();
    String file = property(diagnostics.source().displayName());
    for (Diagnostic d : diagnostics.all()) {
      String message = d.message() + (d.hint() == null ? "" : "\nhint: " + d.hint());
      out.append("::").append(d.severity() == Severity.NOTE ? "notice" : d.severity().label())
          .append(" file=").append(file)
          .append(",line=").append(d.position().line())
          .append(",col=").append(d.position().column())
          .append(",title=").append(property(d.code()))
          .append("::").append(data(message)).append('\n');
    }
    return out.toString();
  }

  /** GitHub's escaping of a command's message. */
  static String data(String text) {
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** GitHub's escaping of a command's property value. */
  static String property(String text) {
    return data(text).replace(":", "%3A").replace(",", "%2C");
  }

  /**
   * A SARIF 2.1.0 log with one run: the tool's rules (one per code found: id, a short description
   * of its range, the hint as help) and one result per diagnostic with its file, line and column.
   */
  public static String sarif(Diagnostics diagnostics) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", SARIF_SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", TOOL);
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    ArrayNode rules = driver.putArray("rules");
    diagnostics.all().stream().map(Diagnostic::code).distinct().sorted().forEach(code -> {
      ruleIndex.put(code, ruleIndex.size());
      ObjectNode rule = rules.addObject();
      rule.put("id", code);
      rule.putObject("shortDescription").put("text", describe(code));
      diagnostics.all().stream().filter(d -> d.code().equals(code) && d.hint() != null).findFirst()
          .ifPresent(d -> rule.putObject("help").put("text", d.hint()));
      rule.putObject("defaultConfiguration").put("level", code.startsWith("BC3") ? "warning" : "error");
    });
    run.putArray("artifacts").addObject().putObject("location").put("uri", uri(diagnostics.source().displayName()));
    ArrayNode results = run.putArray("results");
    for (Diagnostic d : diagnostics.all()) {
      ObjectNode result = results.addObject();
      result.put("ruleId", d.code());
      result.put("ruleIndex", ruleIndex.get(d.code()));
      result.put("level", d.severity().label()); // SARIF's levels: error, warning, note
      result.putObject("message").put("text", d.message() + (d.hint() == null ? "" : " (hint: " + d.hint() + ")"));
      ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
      ObjectNode artifact = physical.putObject("artifactLocation");
      artifact.put("uri", uri(diagnostics.source().displayName()));
      artifact.put("index", 0);
      ObjectNode region = physical.putObject("region");
      region.put("startLine", d.position().line());
      region.put("startColumn", d.position().column());
    }
    return write(root);
  }

  /** A relative URI reference: forward slashes, spaces and the like percent-encoded. */
  static String uri(String path) {
    String slashed = path.replace('\\', '/');
    StringBuilder out = new StringBuilder();
    for (byte b : slashed.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static String write(ObjectNode root) {
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
