package io.github.backupcatalogue.load;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.Lines;
import io.github.backupcatalogue.diagnostics.Position;
import io.github.backupcatalogue.diagnostics.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads YAML safely into a Jackson tree of text scalars plus a {@link SourceMap}.
 *
 * <p>SnakeYAML only composes the node graph (no object construction, so no tag can instantiate a
 * class), with limits on size, nesting and aliases. Then this class walks the graph and rejects
 * duplicate keys, custom tags, merge keys, recursive aliases and alias expansion past a node budget
 * (the "billion laughs"). Scalars stay as their source text; the schema check decides what a valid
 * number or boolean is, so {@code 012345678901} keeps its leading zero and {@code no} never turns into
 * {@code false} behind the reader's back.
 */
final class YamlTree {

  static final int MAX_CODE_POINTS = 1_000_000;
  static final int MAX_ALIASES = 50;
  static final int MAX_NESTING = 50;
  static final int MAX_NODES = 250_000;
  /** Entries of one mapping or list; the largest real collection is an organization's accounts. */
  static final int MAX_ENTRIES = 25_000;

  /**
   * Plain scalars YAML 1.2's core schema resolves to a boolean, an integer or a float (YAML 1.2.2,
   * section 10.3.2); SnakeYAML resolves YAML 1.1's forms. Editors read YAML 1.2.
   */
  private static final java.util.regex.Pattern YAML_12_NON_TEXT = java.util.regex.Pattern.compile(
      "true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
          + "|[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?(\\.inf|\\.Inf|\\.INF)|\\.nan|\\.NaN|\\.NAN");

  private static final Set<Tag> PLAIN_TAGS =
      Set.of(Tag.STR, Tag.INT, Tag.BOOL, Tag.FLOAT, Tag.NULL, Tag.TIMESTAMP, Tag.MAP, Tag.SEQ);

  private final List<Diagnostic> problems = new ArrayList<>();
  private final SourceMap sourceMap = new SourceMap();
  private final Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
  private int nodes;
  private boolean overBudget;
  private boolean textProblems;

  /** The tree, or null when the YAML could not be read at all. */
  private JsonNode root;

  private YamlTree() {}

  static YamlTree read(String text) {
    YamlTree tree = new YamlTree();
    tree.parse(text);
    return tree;
  }

  JsonNode root() {
    return root;
  }

  SourceMap sourceMap() {
    return sourceMap;
  }

  List<Diagnostic> problems() {
    return problems;
  }

  private void parse(String text) {
    if (text.length() > MAX_CODE_POINTS && text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
      error("BC002", Position.START, "the file has " + text.codePointCount(0, text.length())
          + " characters; a catalogue has at most " + MAX_CODE_POINTS, "a catalogue is a page or two of YAML; "
          + "check that this is the right file");
      return;
    }
    List<Diagnostic> forbidden = InputText.forbiddenCharacters(text);
    if (!forbidden.isEmpty()) {
      problems.addAll(forbidden);
      return;
    }
    if (!rejectTabIndentation(text)) {
      return;
    }
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_NESTING);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setAllowRecursiveKeys(false);
    options.setProcessComments(false);
    DumperOptions dumper = new DumperOptions();
    Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options);
    Node node;
    try {
      node = yaml.compose(new WholeCodePointReader(text));
    } catch (ReaderException e) {
      // Not reached for characters InputText rejects first; kept so no reader error is misreported.
      error("BC008", InputText.positionOfCodePoint(text, e.getPosition()), "character " + InputText.describe(e.getCodePoint())
          + " is not allowed in a catalogue", "remove it");
      return;
    } catch (MarkedYAMLException e) {
      problems.add(YamlSyntaxErrors.translate(e, text));
      return;
    } catch (YAMLException e) {
      error("BC002", Position.START, "the file is too large or too deeply nested to be a catalogue: " + e.getMessage(),
          "a catalogue needs neither; keep it under " + MAX_CODE_POINTS + " characters, " + MAX_NESTING
              + " levels and " + MAX_ALIASES + " aliases");
      return;
    } catch (NumberFormatException e) {
      // SnakeYAML parses the hex digits of \\x, \\u and \\U escapes without checking them first.
      Position at = InputText.badEscape(text);
      error("BC001", at != null ? at : Position.START, "the file is not valid YAML: an escape in a double-quoted string "
          + "lacks its hex digits", "write \\xXX, \\uXXXX or \\UXXXXXXXX with hex digits, or \\\\ for a backslash");
      return;
    } catch (RuntimeException e) {
      error("BC000", Position.START, "internal error: the YAML reader failed (" + e + "); please report this with the file",
          "until it is fixed, look for unusual characters or structure near the end of the last edit");
      return;
    }
    if (node == null) {
      error("BC003", Position.START, "the catalogue is empty", "start with 'version: 1'; see the README");
      return;
    }
    root = convert(node, JsonPointer.empty(), null);
    if (overBudget) {
      root = null;
    }
  }

  /** YAML forbids tabs in indentation; SnakeYAML's own message for them is cryptic. */
  private boolean rejectTabIndentation(String text) {
    boolean clean = true;
    Lines lines = Lines.of(text);
    for (int lineNumber = 1; lineNumber <= lines.count(); lineNumber++) {
      String line = lines.line(lineNumber);
      for (int i = 0; i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t' || line.charAt(i) == '-'); i++) {
        if (line.charAt(i) == '\t') {
          error("BC004", new Position(lineNumber, i + 1), "tab character in indentation",
              "YAML indents with spaces only; replace the tab with spaces");
          clean = false;
          break;
        }
      }
    }
    return clean;
  }

  private JsonNode convert(Node node, JsonPointer pointer, Position key) {
    if (overBudget) {
      return null;
    }
    if (++nodes > MAX_NODES) {
      overBudget = true;
      error("BC002", position(node.getStartMark()),
          "aliases expand the catalogue to more than " + MAX_NODES + " values",
          "a catalogue this large is an alias bomb or a mistake; write the values out instead of nesting aliases");
      return null;
    }
    Position at = position(node.getStartMark());
    sourceMap.put(pointer, key, at);
    Tag tag = node.getTag();
    if (!PLAIN_TAGS.contains(tag) && !tag.equals(Tag.MERGE)) {
      error("BC005", at, "YAML tag " + tag.getValue() + " is not allowed in a catalogue",
          "remove the tag; write plain values");
      return JsonNodeFactory.instance.nullNode();
    }
    if (!onPath.add(node)) {
      error("BC002", at, "an alias refers to a value that contains it", "remove the recursive alias");
      return JsonNodeFactory.instance.nullNode();
    }
    try {
      if (node instanceof ScalarNode scalar) {
        if (Tag.NULL.equals(tag)) {
          return JsonNodeFactory.instance.nullNode();
        }
        checkText(scalar.getValue(), at, InputText.MAX_VALUE_LENGTH, "value");
        if (scalar.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN
            && (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag) || Tag.BOOL.equals(tag)
                || YAML_12_NON_TEXT.matcher(scalar.getValue()).matches())) {
          sourceMap.markPlainNonText(pointer);
        }
        return JsonNodeFactory.instance.textNode(scalar.getValue());
      }
      int entries = node instanceof SequenceNode sequence ? sequence.getValue().size() : ((MappingNode) node).getValue().size();
      if (entries > MAX_ENTRIES) {
        overBudget = true;
        error("BC015", at, (node instanceof SequenceNode ? "a list of " + entries + " items" : "a mapping of " + entries + " keys")
            + "; a catalogue's lists and mappings have at most " + MAX_ENTRIES,
            "no AWS Organization or backup plan needs this many; check that this is the right file");
        return null;
      }
      if (node instanceof SequenceNode sequence) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
          array.add(convert(items.get(i), pointer.appendIndex(i), null));
        }
        return array;
      }
      return convertMapping((MappingNode) node, pointer);
    } finally {
      onPath.remove(node);
    }
  }

  private JsonNode convertMapping(MappingNode mapping, JsonPointer pointer) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    Map<String, Position> seen = new HashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      Position keyAt = position(keyNode.getStartMark());
      if (!(keyNode instanceof ScalarNode scalarKey) || Tag.NULL.equals(keyNode.getTag())) {
        error("BC006", keyAt, "a key must be a plain name", "write the key as a single word or quoted string");
        continue;
      }
      String name = scalarKey.getValue();
      checkText(name, keyAt, InputText.MAX_KEY_LENGTH, "key");
      if (Tag.MERGE.equals(keyNode.getTag())) {
        error("BC005", keyAt, "YAML merge keys (<<) are not supported",
            "write the keys out; a reviewer should see every value where it applies");
        continue;
      }
      Position first = seen.putIfAbsent(name, keyAt);
      if (first != null) {
        error("BC007", keyAt, "duplicate key '" + name + "' (first defined at line " + first.line() + ")",
            "remove one of the two; YAML would silently keep only the last");
        continue;
      }
      object.set(name, convert(tuple.getValueNode(), pointer.appendProperty(name), keyAt));
    }
    return object;
  }

  /** Length, whole code points, control characters and NFC of one key or value; see {@link InputText}. */
  private void checkText(String text, Position at, int maxLength, String what) {
    List<Diagnostic> found = InputText.checkScalar(text, at, maxLength, what);
    if (!found.isEmpty()) {
      textProblems = true;
      problems.addAll(found);
    }
  }

  /** True when a key or value broke a text rule: the tree is whole, but must not be bound. */
  boolean hasTextProblems() {
    return textProblems;
  }

  private void error(String code, Position at, String message, String hint) {
    problems.add(new Diagnostic(Severity.ERROR, code, at, message, hint));
  }

  private static Position position(Mark mark) {
    return mark == null ? Position.START : new Position(mark.getLine() + 1, mark.getColumn() + 1);
  }
}
