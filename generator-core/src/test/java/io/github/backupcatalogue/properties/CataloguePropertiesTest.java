package io.github.backupcatalogue.properties;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.backupcatalogue.BackupCatalogue;
import io.github.backupcatalogue.Catalogues;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.Diagnostics;
import io.github.backupcatalogue.diagnostics.Lines;
import io.github.backupcatalogue.diagnostics.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Issue 10, part 4: properties over generated catalogues. Tries per property come from
 * {@code jqwik.tries.default} (junit-platform.properties: 2,500 each, 10,000 per build; see the
 * README for the long run). jqwik prints the tries, checks and the statistics of each property.
 */
class CataloguePropertiesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Where accepted hostile catalogues are written for the verify tier's check with HashiCorp's parser. */
  static final Path BATCH = Path.of("target", "hcl-roundtrip");
  /** Cases written to the batch (HashiCorp's parser runs in node, ~10 ms a file). */
  static final int BATCH_CASES = 200;
  private static final AtomicInteger written = new AtomicInteger();
  private static final ArrayNode expected = JSON.createArrayNode();

  // ------------------------------------------------------------ 1: total

  @Provide
  Arbitrary<String> mutated() {
    return Generators.mutatedCatalogue();
  }

  @Provide
  Arbitrary<String> mangled() {
    return Generators.mangledText();
  }

  /** Every catalogue the grammar yields, mutated, ends in a result or in diagnostics inside the file. */
  @Property
  void everyMutatedCatalogueEndsInAResultOrPositionedDiagnostics(@ForAll("mutated") String yaml) throws Exception {
    checkTotal(yaml);
  }

  /** The same for text mangled after mutation: characters inserted, lines duplicated or removed, the end cut. */
  @Property
  void everyMangledTextEndsInAResultOrPositionedDiagnostics(@ForAll("mangled") String text) throws Exception {
    checkTotal(text);
  }

  private static void checkTotal(String text) throws Exception {
    SourceFile source = new SourceFile("backup-catalogue.yaml", text);
    Diagnostics diagnostics = BackupCatalogue.validate(source);
    Lines lines = Lines.of(text);
    for (Diagnostic d : diagnostics.all()) {
      assertThat(d.code()).as(d.headline("f")).isNotEqualTo("BC000");
      assertThat(lines.contains(d.position())).as("position of %s in a file of %d lines", d.headline("f"), lines.count()).isTrue();
    }
    assertThat(diagnostics.format()).isNotNull();
    if (!diagnostics.hasErrors()) {
      // Refused input takes the same path in render as in validate; accepted input must plan and render.
      var result = BackupCatalogue.render(source, null, false);
      assertThat(result.diagnostics().all()).isEqualTo(diagnostics.all());
      assertThat(result.files()).isPresent();
    }
    Statistics.label("outcome").collect(diagnostics.hasErrors() ? "refused" : "rendered");
    Statistics.label("first code").collect(diagnostics.errors().isEmpty() ? "none" : diagnostics.errors().get(0).code());
  }

  // ------------------------------------------------------------ 2: strings round-trip

  /** A base catalogue with hostile strings in the fields that reach AWS: tags, descriptions, names. */
  record Hostile(String yaml, List<String> strings) {}

  @Provide
  Arbitrary<Hostile> hostile() {
    Arbitrary<String> string = Generators.hostileString();
    return Combinators.combine(string, string, string, string, Arbitraries.integers().between(0, 5)).as((a, b, c, d, where) -> {
      String yaml = switch (where) {
        case 0 -> Catalogues.ORGANIZATION.replace("    plans: [Daily]", "    description: " + quote(a) + "\n    plans: [Daily]");
        case 1 -> Catalogues.ORGANIZATION.replace("settings:", "deployment:\n  tags: {" + quote(a) + ": " + quote(b) + "}\nsettings:");
        case 2 -> Catalogues.ORGANIZATION.replace("vault: Local\n", "vault: Local\n        recovery_point_tags: {"
            + quote(a) + ": " + quote(b) + "}\n");
        case 3 -> Catalogues.ORGANIZATION.replace("resource_types: [RDS]", "tag: {key: " + quote(a) + ", value: " + quote(b) + "}");
        case 4 -> Catalogues.ORGANIZATION.replace("  Local:\n", "  Local:\n    tags: {" + quote(a) + ": " + quote(b) + "}\n")
            .replace("      policies:", "      policies:");
        default -> Catalogues.ORGANIZATION.replace("    plans: [Daily]", "    description: " + quote(a + c + d) + "\n    plans: [Daily]");
      };
      List<String> strings = switch (where) {
        case 0 -> List.of(a);
        case 5 -> List.of(a + c + d);
        default -> List.of(a, b);
      };
      return new Hostile(yaml, strings);
    });
  }

  /**
   * Every string the generator accepts reaches Terraform exactly: decoded as HashiCorp's parser
   * decodes HCL (and JSON heredocs as JSON), it is among the strings of the output. Accepted cases
   * are also written to target/hcl-roundtrip for the verify tier, which checks them with
   * HashiCorp's parser itself.
   */
  @Property
  void acceptedStringsRoundTripExactly(@ForAll("hostile") Hostile hostile) throws Exception {
    SourceFile source = new SourceFile("backup-catalogue.yaml", hostile.yaml());
    var result = BackupCatalogue.render(source, null, false);
    Statistics.label("outcome").collect(result.files().isPresent() ? "accepted" : "refused");
    if (result.files().isEmpty()) {
      assertThat(result.diagnostics().hasErrors()).isTrue();
      return;
    }
    Set<String> decoded = new HashSet<>();
    for (Map.Entry<String, String> file : result.files().get().entrySet()) {
      if (file.getKey().endsWith(".tf")) {
        for (HclStrings.Decoded s : HclStrings.decode(file.getValue())) {
          decoded.add(s.value());
          if (s.heredoc()) {
            addJsonStrings(s.value(), decoded);
          }
        }
      }
    }
    for (String s : hostile.strings()) {
      assertThat(decoded).as("the accepted string %s in the output", JSON.writeValueAsString(s)).contains(s);
    }
    writeBatchCase(result.files().get(), hostile.strings());
  }

  private static void addJsonStrings(String text, Set<String> into) {
    // A document's own references (its module's backup role, the deployer) stay interpolations.
    String trimmed = text.strip().replace(HclStrings.INTERPOLATION, "interpolation");
    if (!trimmed.startsWith("{")) {
      return;
    }
    try {
      collect(JSON.readTree(trimmed), into);
    } catch (IOException e) {
      throw new AssertionError("a heredoc that looks like JSON does not parse after HCL decoding: " + e.getMessage()
          + "\n" + trimmed, e);
    }
  }

  private static void collect(JsonNode node, Set<String> into) {
    if (node.isTextual()) {
      into.add(node.asText());
    }
    node.fieldNames().forEachRemaining(into::add);
    node.elements().forEachRemaining(child -> collect(child, into));
  }

  // ------------------------------------------------------------ 3: deterministic

  /** The same catalogue gives the same diagnostics and the same files, twice. */
  @Property
  void outputIsDeterministic(@ForAll("mutated") String yaml) throws Exception {
    SourceFile source = new SourceFile("backup-catalogue.yaml", yaml);
    var first = BackupCatalogue.render(source, null, false);
    var second = BackupCatalogue.render(source, null, false);
    assertThat(second.diagnostics().format()).isEqualTo(first.diagnostics().format());
    assertThat(second.files()).isEqualTo(first.files());
  }

  // ------------------------------------------------------------ the batch for HashiCorp's parser

  private static synchronized void writeBatchCase(SortedMap<String, String> files, List<String> strings) throws IOException {
    int n = written.get();
    if (n >= BATCH_CASES) {
      return;
    }
    if (n == 0 && Files.isDirectory(BATCH)) {
      try (var walk = Files.walk(BATCH)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    String dir = String.format("case-%04d", n);
    List<String> tfFiles = new ArrayList<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      if (file.getKey().endsWith(".tf")) {
        String name = file.getKey().replace('/', '_');
        Path target = BATCH.resolve(dir).resolve(name);
        Files.createDirectories(target.getParent());
        Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        tfFiles.add(name);
      }
    }
    ObjectNode entry = expected.addObject();
    entry.put("dir", dir);
    entry.set("strings", JSON.valueToTree(strings));
    written.incrementAndGet();
  }

  @AfterContainer
  static void writeExpected() throws IOException {
    if (written.get() > 0) {
      ObjectNode document = JSON.createObjectNode();
      document.put("about", "Accepted catalogue strings and the rendered roots they must reach exactly; "
          + "checked by verify/test/roundtrip.test.mjs with HashiCorp's HCL parser");
      document.set("cases", expected);
      Files.writeString(BATCH.resolve("expected.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document),
          StandardCharsets.UTF_8);
    }
  }

  /** A YAML double-quoted scalar for any string (lone surrogates and controls as escapes). */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || Character.isSurrogate(c) && !validPair(s, i)
          || c == '\u2028' || c == '\u2029' || c == '\uFEFF' || c == '\uFFFE' || c == '\uFFFF') {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static boolean validPair(String s, int i) {
    char c = s.charAt(i);
    return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
