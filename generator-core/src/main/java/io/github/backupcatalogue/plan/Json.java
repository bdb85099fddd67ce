package io.github.backupcatalogue.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * JSON documents through Jackson: insertion order is the key order, two-space indentation, LF line
 * ends, {@code "key": value}; the same bytes on every machine.
 */
public final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(
      Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private Json() {}

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static ArrayNode array(Collection<String> values) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    values.forEach(array::add);
    return array;
  }

  public static String pretty(JsonNode node) {
    try {
      return MAPPER.writer(PRETTY).writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
  }

  public static String minified(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
  }

  /**
   * The length of the document as Terraform's {@code jsonencode} sends it: minified, with {@code <},
   * {@code >}, {@code &}, U+2028 and U+2029 escaped as six-character {@code \\uXXXX} sequences.
   */
  public static int jsonencodeLength(JsonNode node) {
    String minified = minified(node);
    int length = minified.length();
    for (int i = 0; i < minified.length(); i++) {
      char ch = minified.charAt(i);
      if (ch == '<' || ch == '>' || ch == '&' || ch == '\u2028' || ch == '\u2029') {
        length += 5;
      }
    }
    return length;
  }
}
