package io.github.backupcatalogue.load;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.Position;
import io.github.backupcatalogue.diagnostics.Severity;
import io.github.backupcatalogue.diagnostics.SourceFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stage 1, load: YAML text -> {@link Catalogue}. Safe YAML reading ({@link YamlTree}), a shape check
 * that reports every problem at its line ({@link StructureChecker}), then Jackson binding into the
 * immutable records.
 */
public final class CatalogueLoader {

  /** The catalogue format version this generator reads. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Reads a catalogue file; {@code displayName} is how diagnostics name it. */
  public LoadResult load(Path file, String displayName) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      SourceFile source = new SourceFile(displayName, "");
      return new LoadResult(source, Optional.empty(), new SourceMap(), List.of(new Diagnostic(Severity.ERROR, "BC001",
          Position.START, "the file is not UTF-8 text", "save the catalogue as UTF-8")));
    }
    return load(new SourceFile(displayName, text));
  }

  /** Reads a catalogue from text already in memory. */
  public LoadResult load(SourceFile source) {
    String text = source.text().startsWith("\uFEFF") ? source.text().substring(1) : source.text();
    YamlTree tree = YamlTree.read(text);
    List<Diagnostic> problems = new ArrayList<>(tree.problems());
    JsonNode root = tree.root();
    if (root == null) {
      return new LoadResult(source, Optional.empty(), tree.sourceMap(), problems);
    }
    if (!checkVersion(root, tree.sourceMap(), problems)) {
      return new LoadResult(source, Optional.empty(), tree.sourceMap(), problems);
    }
    StructureChecker structure = new StructureChecker(MAPPER, tree.sourceMap());
    problems.addAll(structure.check(root, Catalogue.class));
    if (!structure.onlyUnknownKeys()) {
      return new LoadResult(source, Optional.empty(), tree.sourceMap(), problems);
    }
    try {
      Catalogue catalogue = MAPPER.treeToValue(root, Catalogue.class);
      return new LoadResult(source, Optional.of(catalogue), tree.sourceMap(), problems);
    } catch (JsonMappingException e) {
      // The shape check accepts only what binds; reaching this is a bug, but still no stack trace.
      JsonPointer at = JsonPointer.empty();
      for (JsonMappingException.Reference ref : e.getPath()) {
        at = ref.getFieldName() != null ? at.appendProperty(ref.getFieldName()) : at.appendIndex(ref.getIndex());
      }
      problems.add(new Diagnostic(Severity.ERROR, "BC011", tree.sourceMap().value(at),
          "cannot read this value: " + e.getOriginalMessage(), "check the value against the README's catalogue reference"));
      return new LoadResult(source, Optional.empty(), tree.sourceMap(), problems);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      problems.add(new Diagnostic(Severity.ERROR, "BC011", Position.START,
          "cannot read the catalogue: " + e.getMessage(), "check it against the README's catalogue reference"));
      return new LoadResult(source, Optional.empty(), tree.sourceMap(), problems);
    }
  }

  /** A missing or future version would make every other message misleading, so it stops here. */
  private static boolean checkVersion(JsonNode root, SourceMap sourceMap, List<Diagnostic> problems) {
    if (!root.isObject()) {
      problems.add(new Diagnostic(Severity.ERROR, "BC011", sourceMap.value(JsonPointer.empty()),
          "a catalogue is a mapping of keys to values", "start with 'version: 1'; see the README"));
      return false;
    }
    JsonNode version = root.get("version");
    if (version == null || version.isNull()) {
      problems.add(new Diagnostic(Severity.ERROR, "BC013", sourceMap.value(JsonPointer.empty()),
          "missing 'version'", "add 'version: " + FORMAT_VERSION + "' as the first line"));
      return false;
    }
    if (!version.isTextual() || !version.asText().equals(Integer.toString(FORMAT_VERSION))) {
      problems.add(new Diagnostic(Severity.ERROR, "BC013", sourceMap.value(JsonPointer.compile("/version")),
          "unsupported catalogue version '" + version.asText() + "'; this generator reads version " + FORMAT_VERSION,
          "write 'version: " + FORMAT_VERSION + "', or use the generator release that reads this version"));
      return false;
    }
    return true;
  }
}
