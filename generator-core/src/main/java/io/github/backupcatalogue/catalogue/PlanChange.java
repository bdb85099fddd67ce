package io.github.backupcatalogue.catalogue;

import java.util.List;
import java.util.Map;

/**
 * What a layered policy changes in one inherited plan.
 *
 * @param regions the plan's regions: override, append or remove
 * @param rules changes to the plan's rules, by rule name
 * @param addSelections selections added to the plan, by selection name (AWS: a new key, needs
 *     {@code append} or {@code override})
 */
public record PlanChange(
    @Doc("The plan's regions: override, append or remove.") ListChange regions,
    @Doc("Changes to the plan's rules, by rule name.") Map<String, RuleChange> rules,
    @Doc("Selections added to the plan, by selection name (a new key in AWS's policy: needs append or override).") Map<String, Selection> addSelections) {

  public PlanChange {
    rules = Immutables.map(rules);
    addSelections = Immutables.map(addSelections);
  }

  /** True when the change changes nothing. */
  public boolean changesNothing() {
    return (regions == null || regions.changesNothing()) && rules.isEmpty() && addSelections.isEmpty();
  }

  /** Regions after the change. */
  public List<String> apply(List<String> inherited) {
    return regions == null ? inherited : regions.apply(inherited);
  }
}
