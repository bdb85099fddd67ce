package io.github.backupcatalogue.catalogue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Null-tolerant immutable copies that keep the catalogue's order (Map.copyOf would not). */
final class Immutables {

  private Immutables() {}

  static <K, V> Map<K, V> map(Map<K, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : Collections.unmodifiableList(new java.util.ArrayList<>(list));
  }

  static <T> T orDefault(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
