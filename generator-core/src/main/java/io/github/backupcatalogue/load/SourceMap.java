package io.github.backupcatalogue.load;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.backupcatalogue.diagnostics.Position;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each value of the catalogue came from: JSON Pointer -> position of its key and of its value.
 * Lets later stages point at the exact line without carrying positions in the model.
 */
public final class SourceMap {

  private final Map<String, Position> keys = new HashMap<>();
  private final Map<String, Position> values = new HashMap<>();
  private final java.util.Set<String> plainNonText = new java.util.HashSet<>();

  void put(JsonPointer pointer, Position key, Position value) {
    if (key != null) {
      keys.putIfAbsent(pointer.toString(), key);
    }
    values.putIfAbsent(pointer.toString(), value);
  }

  /** Marks an unquoted value that YAML reads as a number, boolean or null (YAML 1.1 or 1.2). */
  void markPlainNonText(JsonPointer pointer) {
    plainNonText.add(pointer.toString());
  }

  /**
   * True when the value at {@code pointer} was written unquoted and YAML tools read it as a number,
   * boolean or null: {@code 012345678901} is the number 12345678901 to an editor and to the schema.
   */
  public boolean isPlainNonText(JsonPointer pointer) {
    return plainNonText.contains(pointer.toString());
  }

  /** Position of the value at {@code pointer}, or of its nearest ancestor that exists. */
  public Position value(JsonPointer pointer) {
    for (JsonPointer p = pointer; p != null; p = p.head()) {
      Position found = values.get(p.toString());
      if (found != null) {
        return found;
      }
    }
    return Position.START;
  }

  /** Position of the key that names {@code pointer}, else its value's position. */
  public Position key(JsonPointer pointer) {
    Position found = keys.get(pointer.toString());
    return found != null ? found : value(pointer);
  }

  /** True when the catalogue has a value at {@code pointer}. */
  public boolean has(JsonPointer pointer) {
    return values.containsKey(pointer.toString());
  }

  /**
   * The part of the file the value at {@code pointer} takes, with its key and everything below it:
   * from its key (or value) up to, not including, the first later position of a value that is not
   * below it. Empty when the catalogue has no value there.
   */
  public Optional<Extent> extent(JsonPointer pointer) {
    String at = pointer.toString();
    if (!values.containsKey(at)) {
      return Optional.empty();
    }
    Position from = key(pointer);
    Position last = from;
    for (Map<String, Position> map : List.of(keys, values)) {
      for (Map.Entry<String, Position> e : map.entrySet()) {
        if (below(e.getKey(), at) && e.getValue().compareTo(last) > 0) {
          last = e.getValue();
        }
      }
    }
    Position to = null;
    for (Map<String, Position> map : List.of(keys, values)) {
      for (Map.Entry<String, Position> e : map.entrySet()) {
        Position p = e.getValue();
        if (!below(e.getKey(), at) && p.compareTo(last) > 0 && (to == null || p.compareTo(to) < 0)) {
          to = p;
        }
      }
    }
    return Optional.of(new Extent(from, to));
  }

  private static boolean below(String pointer, String ancestor) {
    return pointer.equals(ancestor) || pointer.startsWith(ancestor.endsWith("/") ? ancestor : ancestor + "/");
  }

  /**
   * A range of positions in the file.
   *
   * @param from the first position inside
   * @param to the first position after it, or {@code null} for the end of the file
   */
  public record Extent(Position from, Position to) {

    public boolean contains(Position position) {
      return position.compareTo(from) >= 0 && (to == null || position.compareTo(to) < 0);
    }
  }
}
