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
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
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

  /**
   * Largest catalogue file read, in bytes: {@value}, room for the 1,000,000 characters the YAML
   * reader accepts. Checked before reading, so a huge file costs nothing.
   */
  public static final long MAX_FILE_BYTES = 4L * YamlTree.MAX_CODE_POINTS;

  /** Reads a catalogue file; {@code displayName} is how diagnostics name it. */
  public LoadResult load(Path file, String displayName) throws IOException {
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      return tooLarge(displayName, size);
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      // Not readAllBytes: the size of a pipe or device says nothing of what it holds.
      bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
    }
    if (bytes.length > MAX_FILE_BYTES) {
      return tooLarge(displayName, bytes.length);
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      String before = new String(bytes, 0, in.position(), StandardCharsets.UTF_8);
      Position at = InputText.positionOfCodePoint(before, before.codePointCount(0, before.length()));
      SourceFile source = new SourceFile(displayName, before);
      return new LoadResult(source, Optional.empty(), new SourceMap(), List.of(new Diagnostic(Severity.ERROR, "BC001",
          at, "the file is not UTF-8 text: byte 0x" + String.format(java.util.Locale.ROOT, "%02X", bytes[in.position()] & 0xFF)
              + " at this place is not part of a UTF-8 character", "save the catalogue as UTF-8")));
    }
    return load(new SourceFile(displayName, out.flip().toString()));
  }

  private static LoadResult tooLarge(String displayName, long size) {
    return new LoadResult(new SourceFile(displayName, ""), Optional.empty(), new SourceMap(), List.of(new Diagnostic(
        Severity.ERROR, "BC002", Position.START, "the file is " + size + " bytes; a catalogue is at most " + MAX_FILE_BYTES
            + " bytes, so it was not read", "a catalogue is a page or two of YAML; check that this is the right file")));
  }

  /**
   * Reads a catalogue from text already in memory. Never throws: whatever the text, the result has
   * a catalogue or diagnostics with positions (at worst an internal error to report).
   */
  public LoadResult load(SourceFile source) {
    try {
      return loadText(source);
    } catch (RuntimeException | StackOverflowError e) {
      return new LoadResult(source, Optional.empty(), new SourceMap(), List.of(new Diagnostic(Severity.ERROR, "BC000",
          Position.START, "internal error while reading the catalogue (" + e + "); please report this with the file",
          null)));
    }
  }

  private LoadResult loadText(SourceFile source) {
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
    if (!structure.onlyUnknownKeys() || tree.hasTextProblems()) {
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
