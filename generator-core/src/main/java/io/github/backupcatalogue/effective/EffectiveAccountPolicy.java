package io.github.backupcatalogue.effective;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.backupcatalogue.catalogue.Plan;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one account receives once AWS Organizations has merged every backup policy that reaches it.
 *
 * @param account the account's name in the catalogue
 * @param policies the catalogue policies that reach it, in the order AWS applies them: the root's,
 *     then each OU's from the top down, then the account's own
 * @param effective the effective backup policy as AWS shows it (operators stripped; rule and
 *     selection names in lower case, as AWS shows them)
 * @param plans the effective plans by plan name, as catalogue records (a layered policy's changes
 *     applied)
 * @param planSources plan name -> the policy that brings the plan and the catalogue entry of its
 *     definition
 * @param valueSources JSON pointer of each value in {@code effective} -> the policy that set it
 *     and the catalogue entry that says so
 * @param findings changes a policy tries that its parents do not allow (AWS ignores them)
 */
public record EffectiveAccountPolicy(
    String account,
    List<String> policies,
    ObjectNode effective,
    SortedMap<String, Plan> plans,
    SortedMap<String, Source> planSources,
    SortedMap<String, Source> valueSources,
    List<Finding> findings) {

  public EffectiveAccountPolicy {
    policies = List.copyOf(policies);
    effective = effective.deepCopy();
    plans = Collections.unmodifiableSortedMap(new TreeMap<>(plans));
    planSources = Collections.unmodifiableSortedMap(new TreeMap<>(planSources));
    valueSources = Collections.unmodifiableSortedMap(new TreeMap<>(valueSources));
    findings = List.copyOf(findings);
  }

  /** A copy of the effective policy (the record's own is not to be changed). */
  @Override
  public ObjectNode effective() {
    return effective.deepCopy();
  }
}
