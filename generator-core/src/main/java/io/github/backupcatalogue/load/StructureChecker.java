package io.github.backupcatalogue.load;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.Severity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the YAML tree against the shape of the catalogue records before binding, so that every
 * unknown key, missing key and wrongly typed value is reported in one run, each at its line. The
 * shape comes from Jackson's own introspection of the records (the same names and types the binding
 * uses), so the two cannot drift apart.
 */
final class StructureChecker {

  private final ObjectMapper mapper;
  private final SourceMap sourceMap;
  /** After this many problems the check stops: nobody reads further, and each costs time. */
  static final int MAX_PROBLEMS = 500;

  private final List<Diagnostic> problems = new ArrayList<>();
  private boolean onlyUnknownKeys = true;
  private boolean stopped;

  StructureChecker(ObjectMapper mapper, SourceMap sourceMap) {
    this.mapper = mapper;
    this.sourceMap = sourceMap;
  }

  List<Diagnostic> check(JsonNode root, Class<?> type) {
    check(root, mapper.constructType(type), JsonPointer.empty());
    return problems;
  }

  private void check(JsonNode node, JavaType type, JsonPointer at) {
    if (node == null || node.isNull() || stopped) {
      return;
    }
    Class<?> raw = type.getRawClass();
    if (raw == String.class) {
      if (expectScalar(node, at, "a text value") && sourceMap.isPlainNonText(at)) {
        // One rule for the loader, the schema and editors: text is quoted where YAML would read a
        // number or boolean (an unquoted 012345678901 is the number 12345678901 to every other tool).
        error("BC011", at, "'" + node.asText() + "' is not text in YAML: unquoted, it reads as a "
            + (node.asText().matches("(?i)true|false|yes|no|on|off|y|n") ? "boolean" : "number")
            + (node.asText().matches("0[0-9]+") ? " and loses its leading zero" : "") + " in editors and other YAML tools",
            "quote it: \"" + node.asText() + "\"");
      }
    } else if (raw == Integer.class || raw == int.class) {
      if (expectScalar(node, at, "a whole number") && !node.asText().matches("[+-]?\\d{1,9}")) {
        error("BC011", at, "'" + node.asText() + "' is not a whole number", "write a number of days or minutes, e.g. 35");
      }
    } else if (raw == Boolean.class || raw == boolean.class) {
      if (expectScalar(node, at, "true or false") && !node.asText().equals("true") && !node.asText().equals("false")) {
        error("BC011", at, "'" + node.asText() + "' is not a boolean", "write true or false (yes/no/on/off are ambiguous in YAML)");
      }
    } else if (raw.isEnum()) {
      checkEnum(node, raw, at);
    } else if (type.isCollectionLikeType()) {
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          if (node.get(i) == null || node.get(i).isNull()) {
            error("BC014", at.appendIndex(i), "item " + (i + 1) + " of " + Pointers.describe(at) + " is empty",
                "write " + expectedOf(type.getContentType()) + ", or remove the item");
          } else {
            check(node.get(i), type.getContentType(), at.appendIndex(i));
          }
        }
      } else {
        check(node, type.getContentType(), at);
      }
    } else if (type.isMapLikeType()) {
      if (expectMapping(node, at, "a mapping of names to values")) {
        node.fields().forEachRemaining(e -> {
          if (e.getValue() == null || e.getValue().isNull()) {
            error("BC014", at.appendProperty(e.getKey()), "'" + e.getKey() + "' in " + Pointers.describe(at) + " has no value",
                emptyHint(e.getKey(), type.getContentType()));
          } else {
            check(e.getValue(), type.getContentType(), at.appendProperty(e.getKey()));
          }
        });
      }
    } else {
      checkRecord(node, type, at);
    }
  }

  private void checkRecord(JsonNode node, JavaType type, JsonPointer at) {
    Map<String, BeanPropertyDefinition> properties = properties(type);
    if (!expectMapping(node, at, "a mapping with the keys " + String.join(", ", properties.keySet()))) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = ((com.fasterxml.jackson.databind.node.ObjectNode) node).fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonPointer child = at.appendProperty(field.getKey());
      BeanPropertyDefinition property = properties.get(field.getKey());
      if (property == null) {
        Optional<String> suggestion = Suggestions.closest(field.getKey(), properties.keySet());
        add(new Diagnostic(Severity.ERROR, "BC010", sourceMap.key(child),
            "unknown key '" + field.getKey() + "'" + where(at)
                + suggestion.map(s -> "; did you mean '" + s + "'?").orElse(""),
            "valid keys here: " + String.join(", ", properties.keySet())));
        it.remove();
      } else {
        check(field.getValue(), property.getPrimaryType(), child);
      }
    }
    properties.forEach((name, property) -> {
      JsonNode value = node.get(name);
      if (property.isRequired() && (value == null || value.isNull())) {
        onlyUnknownKeys = false;
        add(new Diagnostic(Severity.ERROR, "BC012", sourceMap.key(at),
            "missing required key '" + name + "'" + where(at), "add '" + name + ":'; see the README's catalogue reference"));
      }
    });
  }

  /** What a value of the type looks like, for a hint. */
  private static String expectedOf(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (raw == String.class || raw.isEnum()) {
      return "a value";
    }
    if (raw == Integer.class || raw == Boolean.class) {
      return raw == Integer.class ? "a number" : "true or false";
    }
    return type.isCollectionLikeType() ? "a list ([...])" : "a mapping ({...})";
  }

  private static String emptyHint(String key, JavaType type) {
    if (type.getRawClass() == String.class) {
      return "write a value; an empty text is written " + key + ": \"\"";
    }
    if (type.isCollectionLikeType()) {
      return "list the values, e.g. " + key + ": [...]";
    }
    return "write the keys under it; for every default write " + key + ": {}";
  }

  private Map<String, BeanPropertyDefinition> properties(JavaType type) {
    BeanDescription description = mapper.getDeserializationConfig().introspect(type);
    Map<String, BeanPropertyDefinition> byName = new LinkedHashMap<>();
    for (BeanPropertyDefinition property : description.findProperties()) {
      if (property.hasConstructorParameter() || property.hasSetter() || property.hasField()) {
        byName.put(property.getName(), property);
      }
    }
    return byName;
  }

  private void checkEnum(JsonNode node, Class<?> raw, JsonPointer at) {
    if (!expectScalar(node, at, "one word")) {
      return;
    }
    List<String> allowed = new ArrayList<>();
    for (Object constant : raw.getEnumConstants()) {
      String name = ((Enum<?>) constant).name();
      try {
        JsonProperty json = raw.getField(name).getAnnotation(JsonProperty.class);
        allowed.add(json != null ? json.value() : name);
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException(e);
      }
    }
    if (!allowed.contains(node.asText())) {
      error("BC011", at, "'" + node.asText() + "' is not one of " + String.join(", ", allowed)
          + Suggestions.closest(node.asText(), allowed).map(s -> "; did you mean '" + s + "'?").orElse(""),
          "write one of: " + String.join(", ", allowed));
    }
  }

  private boolean expectScalar(JsonNode node, JsonPointer at, String expected) {
    if (node.isValueNode()) {
      return true;
    }
    error("BC011", at, "expected " + expected + " but found " + (node.isArray() ? "a list" : "a mapping"),
        "write a single value here");
    return false;
  }

  private boolean expectMapping(JsonNode node, JsonPointer at, String expected) {
    if (node.isObject()) {
      return true;
    }
    error("BC011", at, "expected " + expected + " but found " + (node.isArray() ? "a list" : "'" + node.asText() + "'"),
        "indent the keys under this one, 'key: value' per line");
    return false;
  }

  /**
   * True when every problem found was an unknown key. Those keys are now removed from the tree, so
   * the rest can still be bound and validated, and the reader gets all problems in one run.
   */
  boolean onlyUnknownKeys() {
    return onlyUnknownKeys;
  }

  private void error(String code, JsonPointer at, String message, String hint) {
    onlyUnknownKeys = false;
    add(new Diagnostic(Severity.ERROR, code, sourceMap.value(at), message, hint));
  }

  private void add(Diagnostic problem) {
    if (stopped) {
      return;
    }
    if (problems.size() == MAX_PROBLEMS) {
      stopped = true;
      onlyUnknownKeys = false;
      problems.add(new Diagnostic(Severity.ERROR, "BC010", problem.position(), "more than " + MAX_PROBLEMS
          + " problems with the catalogue's keys and values; stopped here", "fix these first, then run again"));
      return;
    }
    problems.add(problem);
  }

  private static String where(JsonPointer at) {
    return at.matches() ? " at the top level" : " in " + Pointers.describe(at);
  }
}
