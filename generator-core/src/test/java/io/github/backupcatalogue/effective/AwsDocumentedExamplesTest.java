package io.github.backupcatalogue.effective;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.backupcatalogue.TestFiles;
import io.github.backupcatalogue.plan.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every worked example of parent, child and effective policy in the Organizations user guide
 * ("Policy inheritance examples" and "Backup policy examples"), input policies and documented
 * effective policy verbatim in {@code src/test/resources/effective-policy/aws-docs/<example>/}.
 * Where the documented text has a slip (the page's effective policy contradicts its own inputs or
 * prose), {@code example.json} lists each correction as an RFC 6902 operation with the documented
 * value and the reason; the test checks the documented value is really there before it corrects
 * it, so the list is exactly the set of places where the engine and the page differ.
 */
class AwsDocumentedExamplesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Path examplesRoot() {
    return TestFiles.repoRoot().resolve("generator-core/src/test/resources/effective-policy/aws-docs");
  }

  static Stream<String> examples() throws IOException {
    try (Stream<Path> dirs = Files.list(examplesRoot())) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("example.json")))
          .map(d -> d.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void engineGivesTheDocumentedEffectivePolicy(String example) throws IOException {
    Path dir = examplesRoot().resolve(example);
    JsonNode manifest = MAPPER.readTree(dir.resolve("example.json").toFile());
    Map<String, JsonNode> files = new HashMap<>();
    List<List<PolicyDocument>> levels = new ArrayList<>();
    for (JsonNode level : manifest.get("levels")) {
      List<PolicyDocument> policies = new ArrayList<>();
      for (JsonNode file : level) {
        files.put(file.asText(), MAPPER.readTree(dir.resolve(file.asText()).toFile()));
        policies.add(new PolicyDocument(file.asText(), files.get(file.asText())));
      }
      levels.add(policies);
    }
    String expectedFile = manifest.get("expected").asText();
    files.put(expectedFile, MAPPER.readTree(dir.resolve(expectedFile).toFile()));

    for (JsonNode erratum : manifest.get("errata")) {
      String file = erratum.get("file").asText();
      files.put(file, patch(files.get(file), erratum));
    }
    for (List<PolicyDocument> level : levels) {
      level.replaceAll(p -> new PolicyDocument(p.name(), files.get(p.name())));
    }

    EffectiveResult result = EffectivePolicyEngine.levels(levels);
    Path actual = TestFiles.repoRoot().resolve("generator-core/target/effective-policy-actual/" + example + ".json");
    Files.createDirectories(actual.getParent());
    Files.writeString(actual, Json.pretty(result.effective()) + "\n");
    Files.writeString(actual.resolveSibling(example + ".findings"), String.join("\n", result.findings().stream().map(Finding::describe).toList()));

    assertThat(Json.pretty(result.effective())).isEqualTo(Json.pretty(reorderLike(result.effective(), files.get(expectedFile))));
    assertThat(result.effective()).isEqualTo(files.get(expectedFile));
    List<String> findings = new ArrayList<>();
    manifest.get("findings").forEach(f -> findings.add(f.asText()));
    assertThat(result.findings().stream().map(Finding::describe).toList()).containsExactlyElementsOf(findings);
  }

  /** The subset of RFC 6902 the errata use: replace, remove, add, move; each checks the documented value first. */
  static JsonNode patch(JsonNode document, JsonNode erratum) {
    JsonNode copy = document.deepCopy();
    String op = erratum.get("op").asText();
    JsonPointer path = JsonPointer.compile(erratum.get("path").asText());
    if (erratum.has("documented")) {
      JsonNode source = op.equals("move") ? copy.at(JsonPointer.compile(erratum.get("from").asText())) : copy.at(path);
      assertThat(source).as("documented value of %s", erratum).isEqualTo(erratum.get("documented"));
    }
    switch (op) {
      case "replace" -> {
        assertThat(copy.at(path).isMissingNode()).as("replace needs an existing value: %s", erratum).isFalse();
        set(copy, path, erratum.get("value"));
      }
      case "add" -> set(copy, path, erratum.get("value"));
      case "remove" -> remove(copy, path);
      case "move" -> {
        JsonPointer from = JsonPointer.compile(erratum.get("from").asText());
        JsonNode value = copy.at(from);
        remove(copy, from);
        set(copy, path, value);
      }
      default -> throw new AssertionError("unknown erratum op " + op);
    }
    return copy;
  }

  private static void set(JsonNode root, JsonPointer path, JsonNode value) {
    JsonNode parent = root.at(path.head());
    String last = path.last().getMatchingProperty();
    if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(last), value.deepCopy());
    } else {
      ((ObjectNode) parent).set(last, value.deepCopy());
    }
  }

  private static void remove(JsonNode root, JsonPointer path) {
    JsonNode parent = root.at(path.head());
    String last = path.last().getMatchingProperty();
    assertThat(parent.has(last) || parent.isArray()).as("remove needs an existing value at %s", path).isTrue();
    if (parent instanceof ArrayNode array) {
      array.remove(Integer.parseInt(last));
    } else {
      ((ObjectNode) parent).remove(last);
    }
  }

  /** The expected document with its object keys in the order of the actual one, for a readable diff. */
  private static JsonNode reorderLike(JsonNode actual, JsonNode expected) {
    if (!(actual instanceof ObjectNode a) || !(expected instanceof ObjectNode e)) {
      return expected;
    }
    ObjectNode ordered = MAPPER.createObjectNode();
    a.fieldNames().forEachRemaining(k -> {
      if (e.has(k)) {
        ordered.set(k, reorderLike(a.get(k), e.get(k)));
      }
    });
    e.fieldNames().forEachRemaining(k -> {
      if (!ordered.has(k)) {
        ordered.set(k, e.get(k));
      }
    });
    return ordered;
  }
}
