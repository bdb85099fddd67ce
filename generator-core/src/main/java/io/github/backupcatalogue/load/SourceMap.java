package io.github.backupcatalogue.load;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.backupcatalogue.diagnostics.Position;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of the catalogue came from: JSON Pointer -> position of its key and of its value.
 * Lets later stages point at the exact line without carrying positions in the model.
 */
public final class SourceMap {

  private final Map<String, Position> keys = new HashMap<>();
  private final Map<String, Position> values = new HashMap<>();

  void put(JsonPointer pointer, Position key, Position value) {
    if (key != null) {
      keys.putIfAbsent(pointer.toString(), key);
    }
    values.putIfAbsent(pointer.toString(), value);
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
}
