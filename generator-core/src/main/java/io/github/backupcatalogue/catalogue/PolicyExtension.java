package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A layered policy: changes to the plans of a policy attached higher up the tree, for the accounts
 * this policy reaches. Each change becomes one of AWS's inheritance operators in this policy's
 * document ({@code override} is {@code @@assign}, {@code append} {@code @@append}, {@code remove}
 * {@code @@remove}; an added copy or selection is a new key, which needs {@code append} or {@code override}); the
 * parent's {@code child_policies} must allow it.
 *
 * @param policy the name of the policy whose plans are changed; it must reach every account this
 *     policy reaches, from higher up the tree
 * @param plans changes by plan name (plans of that policy)
 */
public record PolicyExtension(
    @Doc(value = "The name of the policy whose plans are changed; it must reach every account this policy reaches, from higher up the tree.", example = "baseline") @JsonProperty(required = true) String policy,
    @Doc("Changes by plan name (plans of that policy).") @JsonProperty(required = true) Map<String, PlanChange> plans) {

  public PolicyExtension {
    plans = Immutables.map(plans);
  }
}
