package io.github.backupcatalogue.effective;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.SortedMap;

/**
 * The effective policy as AWS shows it (operators stripped), what was ignored, and which policy set
 * each value.
 *
 * @param effective the effective policy, keys in the order they were first set
 * @param findings changes that were ignored, in the order the policies were applied
 * @param setBy JSON pointer of every value in {@code effective} (leaf or array) -> the name of the
 *     policy that last changed it
 */
public record EffectiveResult(ObjectNode effective, List<Finding> findings, SortedMap<String, String> setBy) {

  public EffectiveResult {
    findings = List.copyOf(findings);
    setBy = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(setBy));
  }
}
