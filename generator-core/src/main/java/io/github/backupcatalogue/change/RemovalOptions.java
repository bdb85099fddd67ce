package io.github.backupcatalogue.change;

import java.util.Set;
import java.util.TreeSet;

/**
 * What a run may remove besides what the catalogue decommissions: two separate steps, so that
 * repeating a run (a pipeline passes the same options every time) never goes further than intended.
 *
 * @param allowRemoval accounts (or module paths) whose live modules this run may replace by
 *     decommission stubs although the catalogue does not decommission them
 * @param removeStubs accounts (or module paths) whose decommission stubs this run removes: only
 *     once the stub has been applied (its state keeps nothing the account still needs)
 */
public record RemovalOptions(Set<String> allowRemoval, Set<String> removeStubs) {

  /** Nothing beyond the catalogue. */
  public static final RemovalOptions NONE = new RemovalOptions(Set.of(), Set.of());

  public RemovalOptions {
    allowRemoval = Set.copyOf(new TreeSet<>(allowRemoval));
    removeStubs = Set.copyOf(new TreeSet<>(removeStubs));
  }

  /** True when neither option names anything. */
  public boolean isEmpty() {
    return allowRemoval.isEmpty() && removeStubs.isEmpty();
  }

  boolean allows(String account, String module) {
    return allowRemoval.contains(account) || allowRemoval.contains(module);
  }

  boolean removesStub(String account, String module) {
    return removeStubs.contains(account) || removeStubs.contains(module);
  }
}
