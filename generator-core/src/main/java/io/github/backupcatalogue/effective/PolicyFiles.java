package io.github.backupcatalogue.effective;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.Position;
import io.github.backupcatalogue.diagnostics.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective policy of policy JSON files, as the {@code effective-policy} command and goal
 * compute it: each file is one level (root first, then each OU, then the account). Problems are
 * positioned lines, {@code file:line:column: severity[CODE]: message}:
 *
 * <ul>
 *   <li>BC290 (error): a file is not valid JSON; nothing is computed.
 *   <li>BC340 (warning): a change a policy tries that AWS ignores (not allowed by a parent's
 *       {@code @@operators_allowed_for_child_policies}, or not expressible), at the key that tries it.
 * </ul>
 */
public final class PolicyFiles {

  /** What the command prints: the effective policy (absent when a file is not JSON), and the problems. */
  public record Outcome(Optional<EffectiveResult> result, List<String> problems, boolean hasErrors, boolean hasWarnings) {
    public Outcome {
      problems = List.copyOf(problems);
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

  private PolicyFiles() {}

  /**
   * Reads and merges the files; {@code displayNames} (same order) is how each is named in problems
   * and findings.
   *
   * @throws IOException when a file cannot be read
   */
  public static Outcome compute(List<Path> files, List<String> displayNames) throws IOException {
    List<String> problems = new ArrayList<>();
    List<PolicyDocument> documents = new ArrayList<>();
    Map<String, Map<String, Position>> positions = new HashMap<>();
    for (int i = 0; i < files.size(); i++) {
      String name = displayNames.get(i);
      String text = Files.readString(files.get(i), StandardCharsets.UTF_8);
      try {
        JsonNode content = MAPPER.readTree(text);
        if (content == null || content.isMissingNode()) {
          problems.add(new Diagnostic(Severity.ERROR, "BC290", Position.START, "the file is empty; a policy is a JSON object",
              null).headline(name));
          continue;
        }
        documents.add(new PolicyDocument(name, content));
        positions.put(name, keyPositions(text));
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        Position position = at == null || at.getLineNr() < 1 ? Position.START : new Position(at.getLineNr(), Math.max(1, at.getColumnNr()));
        problems.add(new Diagnostic(Severity.ERROR, "BC290", position, "not valid JSON: " + e.getOriginalMessage(), null)
            .headline(name));
      }
    }
    if (!problems.isEmpty()) {
      return new Outcome(Optional.empty(), problems, true, false);
    }
    EffectiveResult result = EffectivePolicyEngine.chain(documents);
    for (Finding finding : result.findings()) {
      Position position = positions.getOrDefault(finding.policy(), Map.of()).getOrDefault(finding.path(), Position.START);
      problems.add(new Diagnostic(Severity.WARNING, "BC340", position, finding.message() + " (at " + finding.path()
          + "; AWS ignores this change)", null).headline(finding.policy()));
    }
    return new Outcome(Optional.of(result), problems, false, !result.findings().isEmpty());
  }

  /** JSON pointer of every key -> where the key is written (line, column of its opening quote). */
  static Map<String, Position> keyPositions(String text) throws IOException {
    Map<String, Position> positions = new LinkedHashMap<>();
    try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.FIELD_NAME) {
          JsonLocation at = parser.currentTokenLocation();
          positions.put(parser.getParsingContext().pathAsPointer().toString(), new Position(at.getLineNr(), at.getColumnNr()));
        }
      }
    }
    return positions;
  }
}
