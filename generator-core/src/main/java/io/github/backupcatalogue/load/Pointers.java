package io.github.backupcatalogue.load;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.ArrayList;
import java.util.List;

/** Readable names for JSON Pointers: {@code /plans/Daily/rules/Nightly} -> {@code plans.Daily.rules.Nightly}. */
public final class Pointers {

  private Pointers() {}

  public static String describe(JsonPointer pointer) {
    List<String> parts = new ArrayList<>();
    for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
      parts.add(p.getMatchingIndex() >= 0 ? "[" + p.getMatchingIndex() + "]" : p.getMatchingProperty());
    }
    return String.join(".", parts).replace(".[", "[");
  }
}
