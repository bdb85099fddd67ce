package io.github.backupcatalogue.properties;

import io.github.backupcatalogue.Catalogues;
import io.github.backupcatalogue.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Catalogues for the properties: the format's own valid catalogues (the samples and the test
 * catalogues, which together use every key of the grammar), mutated as a tree (values deleted,
 * duplicated, retyped, emptied, strings and keys made hostile) and then as text.
 */
final class Generators {

  private Generators() {}

  /** Strings that have broken generators before: HCL and YAML syntax, invisible and combining characters. */
  static final List<String> HOSTILE = List.of("${x}", "%{ if true }y%{ endif }", "$${", "\"", "\\", "\\n", "\n", "\r\n", "\t",
      "EOT", "\nEOT\n", "<<-EOT", "  EOT", "\u0301", "e\u0301", "\n\u0301", "\u00e9", "\uD83D\uDE00", "\u200f", "\u202e",
      "\u2028", "\u2029", "\u0085", "\uD800", "\uDC00", "\u0007", "\u0000", "\u007f", "\uFEFF", "\uFFFF", "aws:", "AWS:x",
      "", " ", "Z\u00fcrich", "\u0639\u0631\u0628\u064a", "\u65e5\u672c", "x".repeat(129), "y".repeat(257), "z".repeat(513),
      "w".repeat(3000), "~", "null", "- a", "{a: b}", "[a]", "&a", "*a", "!!str", "#", ": ", "'", "|", ">", "%",
      "arn:aws:s3:::b", "+=.:/@-_", "\u1100\u1161", "\u0915\u094d", "\u212b", "\uFB01");

  /** The valid catalogues the mutations start from, as YAML trees of maps, lists and scalars. */
  static final List<Object> BASES = bases();

  private static List<Object> bases() {
    List<String> texts = new ArrayList<>(List.of(Catalogues.ORGANIZATION, io.github.backupcatalogue.load.InputHandlingTestAccess.SINGLE));
    for (String sample : TestFiles.sampleNames()) {
      try {
        texts.add(Files.readString(TestFiles.sample(sample)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    return texts.stream().map(text -> (Object) yaml.load(text)).toList();
  }

  static Arbitrary<String> hostileString() {
    Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(HOSTILE), Arbitraries.strings().all().ofMaxLength(12),
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8));
    return piece.list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join("", parts));
  }

  /** A base catalogue with 1 to 4 tree mutations, as YAML text. */
  static Arbitrary<String> mutatedCatalogue() {
    return Combinators.combine(Arbitraries.integers().between(0, BASES.size() - 1), Arbitraries.longs(),
        Arbitraries.integers().between(1, 4), hostileString().list().ofSize(4)).as((base, seed, count, strings) -> {
          Object tree = deepCopy(BASES.get(base));
          Random random = new Random(seed);
          for (int i = 0; i < count; i++) {
            tree = mutate(tree, random, strings.get(i));
          }
          return dump(tree);
        });
  }

  /** A mutated catalogue, then mangled as text: a character inserted, a line duplicated or removed, the end cut. */
  static Arbitrary<String> mangledText() {
    return Combinators.combine(mutatedCatalogue(), Arbitraries.longs(), hostileString()).as((text, seed, insert) -> {
      Random random = new Random(seed);
      int at = text.isEmpty() ? 0 : random.nextInt(text.length());
      return switch (random.nextInt(5)) {
        case 0 -> text.substring(0, at) + insert + text.substring(at);
        case 1 -> text.substring(0, at);
        case 2 -> "#" + "x".repeat(1000 + random.nextInt(40)) + insert + "\n" + text;
        case 3 -> {
          List<String> lines = new ArrayList<>(text.lines().toList());
          int line = random.nextInt(Math.max(1, lines.size()));
          if (!lines.isEmpty()) {
            lines.add(line, lines.get(line));
          }
          yield String.join("\n", lines) + "\n";
        }
        default -> {
          List<String> lines = new ArrayList<>(text.lines().toList());
          if (!lines.isEmpty()) {
            lines.remove(random.nextInt(lines.size()));
          }
          yield String.join("\n", lines) + "\n";
        }
      };
    });
  }

  /** One mutation at a random place of the tree: delete, duplicate, retype, empty, or a hostile string or key. */
  @SuppressWarnings("unchecked")
  static Object mutate(Object tree, Random random, String hostile) {
    List<Object[]> places = new ArrayList<>();
    collect(tree, places);
    if (places.isEmpty()) {
      return tree;
    }
    Object[] place = places.get(random.nextInt(places.size()));
    Object container = place[0];
    Object key = place[1];
    Object value = container instanceof Map<?, ?> m ? m.get(key) : ((List<Object>) container).get((Integer) key);
    Object replacement = switch (random.nextInt(8)) {
      case 0 -> null;
      case 1 -> hostile;
      case 2 -> new ArrayList<>(List.of(hostile));
      case 3 -> new LinkedHashMap<>(Map.of(hostile, hostile));
      case 4 -> value instanceof String s ? s + hostile : hostile;
      case 5 -> random.nextInt(3) == 0 ? Integer.valueOf(random.nextInt()) : Boolean.valueOf(random.nextBoolean());
      case 6 -> "DELETE";
      default -> "DUPLICATE";
    };
    if (container instanceof Map<?, ?>) {
      Map<Object, Object> map = (Map<Object, Object>) container;
      if ("DELETE".equals(replacement)) {
        map.remove(key);
      } else if ("DUPLICATE".equals(replacement) || random.nextInt(6) == 0) {
        // a hostile key: the same value under a new name
        map.put(hostile.isEmpty() ? key + "2" : hostile, deepCopy(value));
      } else {
        map.put(key, replacement);
      }
    } else {
      List<Object> list = (List<Object>) container;
      int index = (Integer) key;
      if ("DELETE".equals(replacement)) {
        list.remove(index);
      } else if ("DUPLICATE".equals(replacement)) {
        list.add(index, deepCopy(value));
      } else {
        list.set(index, replacement);
      }
    }
    return tree;
  }

  @SuppressWarnings("unchecked")
  private static void collect(Object node, List<Object[]> places) {
    if (node instanceof Map<?, ?> map) {
      for (Object key : new ArrayList<>(map.keySet())) {
        places.add(new Object[] {map, key});
        collect(map.get(key), places);
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        places.add(new Object[] {list, i});
        collect(list.get(i), places);
      }
    }
  }

  @SuppressWarnings("unchecked")
  static Object deepCopy(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, deepCopy(v)));
      return copy;
    }
    if (node instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(deepCopy(v)));
      return copy;
    }
    return node;
  }

  /** YAML text of a tree, block style, every key and string double-quoted so each character survives as an escape. */
  static String dump(Object tree) {
    StringBuilder out = new StringBuilder();
    emit(stringify(tree), "", out);
    return out.toString();
  }

  private static void emit(Object node, String indent, StringBuilder out) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        out.append(indent).append(k == null ? "null" : CataloguePropertiesTest.quote((String) k)).append(':');
        value(v, indent, out);
      });
    } else if (node instanceof List<?> list) {
      list.forEach(v -> {
        out.append(indent).append('-');
        value(v, indent, out);
      });
    } else {
      out.append(indent).append(node == null ? "null" : CataloguePropertiesTest.quote((String) node)).append('\n');
    }
  }

  private static void value(Object v, String indent, StringBuilder out) {
    if (v instanceof Map<?, ?> m && !m.isEmpty() || v instanceof List<?> l && !l.isEmpty()) {
      out.append('\n');
      emit(v, indent + "  ", out);
    } else {
      out.append(' ').append(v instanceof Map<?, ?> ? "{}" : v instanceof List<?> ? "[]"
          : v == null ? "null" : CataloguePropertiesTest.quote((String) v)).append('\n');
    }
  }

  /** Numbers and booleans as the text they are written as: the loader reads every scalar as text anyway. */
  private static Object stringify(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k == null ? null : String.valueOf(k), stringify(v)));
      return copy;
    }
    if (node instanceof List<?> list) {
      return list.stream().map(Generators::stringify).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }
    return node == null || node instanceof String ? node : String.valueOf(node);
  }
}
