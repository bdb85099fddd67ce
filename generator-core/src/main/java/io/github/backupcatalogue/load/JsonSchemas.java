package io.github.backupcatalogue.load;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.Doc;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The catalogue's JSON Schema, derived from the same records and Jackson introspection the loader
 * binds with, so the published schema cannot drift from what the generator accepts. Editors use it
 * for completion and inline errors (yaml-language-server: {@code # yaml-language-server: $schema=...}).
 */
public final class JsonSchemas {

  private JsonSchemas() {}

  public static ObjectNode catalogue() {
    var mapper = CatalogueLoader.mapper();
    ObjectNode schema = schema(mapper, mapper.constructType(Catalogue.class));
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$id", "https://backup-catalogue.github.io/schema/backup-catalogue-v1.schema.json");
    root.put("title", "backup-catalogue.yaml, version 1");
    root.setAll(schema);
    return root;
  }

  private static ObjectNode schema(com.fasterxml.jackson.databind.ObjectMapper mapper, JavaType type) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    Class<?> raw = type.getRawClass();
    if (raw == String.class) {
      node.put("type", "string");
    } else if (raw == Integer.class) {
      node.put("type", "integer");
    } else if (raw == Boolean.class) {
      node.put("type", "boolean");
    } else if (raw.isEnum()) {
      ArrayNode values = node.putArray("enum");
      for (Object constant : raw.getEnumConstants()) {
        try {
          values.add(raw.getField(((Enum<?>) constant).name()).getAnnotation(JsonProperty.class).value());
        } catch (NoSuchFieldException e) {
          throw new IllegalStateException(e);
        }
      }
    } else if (type.isCollectionLikeType()) {
      ObjectNode array = JsonNodeFactory.instance.objectNode();
      array.put("type", "array");
      array.set("items", schema(mapper, type.getContentType()));
      node.putArray("anyOf").add(array).add(schema(mapper, type.getContentType()));
    } else if (type.isMapLikeType()) {
      node.put("type", "object");
      node.set("additionalProperties", schema(mapper, type.getContentType()));
    } else {
      node.put("type", "object");
      ObjectNode properties = node.putObject("properties");
      ArrayNode required = JsonNodeFactory.instance.arrayNode();
      BeanDescription description = mapper.getDeserializationConfig().introspect(type);
      for (BeanPropertyDefinition property : description.findProperties()) {
        ObjectNode child = schema(mapper, property.getPrimaryType());
        document(child, property);
        properties.set(property.getName(), child);
        if (property.isRequired()) {
          required.add(property.getName());
        }
      }
      if (!required.isEmpty()) {
        node.set("required", required);
      }
      node.put("additionalProperties", false);
    }
    return node;
  }

  /**
   * The description, default, pattern, range and example of a key, from its record component's
   * {@link Doc}. Defaults and examples are written as in YAML and read back with the YAML reader,
   * so {@code [none]} is a list and {@code "012345678901"} a string.
   */
  private static void document(ObjectNode node, BeanPropertyDefinition property) {
    Doc doc = null;
    for (AnnotatedMember member : new AnnotatedMember[] {property.getConstructorParameter(), property.getField(),
        property.getGetter()}) {
      if (doc == null && member != null) {
        doc = member.getAnnotation(Doc.class);
      }
    }
    if (doc == null) {
      return;
    }
    node.put("description", doc.value());
    if (!doc.defaultValue().isEmpty()) {
      node.set("default", yamlValue(doc.defaultValue()));
    }
    if (!doc.pattern().isEmpty()) {
      node.put("pattern", doc.pattern());
    }
    if (doc.minimum() != Long.MIN_VALUE) {
      node.put("minimum", doc.minimum());
    }
    if (doc.maximum() != Long.MAX_VALUE) {
      node.put("maximum", doc.maximum());
    }
    if (!doc.example().isEmpty()) {
      node.putArray("examples").add(yamlValue(doc.example()));
    }
  }

  private static JsonNode yamlValue(String yaml) {
    Object value = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    return CatalogueLoader.mapper().valueToTree(value);
  }
}
