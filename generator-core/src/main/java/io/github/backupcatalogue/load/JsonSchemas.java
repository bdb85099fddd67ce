package io.github.backupcatalogue.load;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.backupcatalogue.catalogue.Catalogue;

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
        properties.set(property.getName(), schema(mapper, property.getPrimaryType()));
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
}
