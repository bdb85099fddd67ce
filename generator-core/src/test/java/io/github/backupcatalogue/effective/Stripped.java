package io.github.backupcatalogue.effective;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * A test oracle independent of the engine: a single policy's document with its operators stripped
 * (the value of {@code @@assign}/{@code @@append}; child control operators dropped) and rule and
 * selection names in lower case, as AWS shows an effective backup policy.
 */
final class Stripped {

  private Stripped() {}

  static JsonNode of(JsonNode node) {
    return strip(node, 0, "");
  }

  private static JsonNode strip(JsonNode node, int depth, String parent) {
    if (!node.isObject()) {
      return node;
    }
    if (node.has("@@assign")) {
      return node.get("@@assign");
    }
    if (node.has("@@append")) {
      return node.get("@@append");
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    node.fields().forEachRemaining(e -> {
      if (!e.getKey().startsWith("@@")) {
        boolean lower = parent.equals("rules") || parent.equals("tags") || parent.equals("recovery_point_tags")
            || parent.equals("backup_plan_tags");
        String key = lower ? e.getKey().toLowerCase(Locale.ROOT) : e.getKey();
        out.set(key, strip(e.getValue(), depth + 1, e.getKey()));
      }
    });
    return out;
  }
}
