package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An organization backup policy.
 *
 * @param description shown in AWS Organizations
 * @param plans the names of the plans the policy carries
 * @param attachTo where the policy is attached
 * @param childPolicies what policies attached lower in the tree may change in this policy's plans:
 *     {@code none} (the default), {@code all}, or a list of {@code override}, {@code append},
 *     {@code remove}; written on every setting of each plan, as AWS needs it
 * @param extension ({@code extends}) changes to the plans of a policy attached higher up
 */
public record Policy(
    @Doc("Shown in AWS Organizations.") String description,
    @Doc(value = "The names of the plans the policy carries (a policy that only extends another may carry none).", defaultValue = "[]") List<String> plans,
    @Doc("Where the policy is attached.") @JsonProperty(required = true) AttachTo attachTo,
    @Doc(value = "What policies attached lower in the tree may change in this policy's plans: none (the default), all, or a list of override, append, remove.", defaultValue = "[none]", example = "[override, append]") List<String> childPolicies,
    @Doc("Changes to the plans of a policy attached higher up the tree (a layered policy).") @JsonProperty("extends") PolicyExtension extension) {

  public Policy {
    plans = Immutables.list(plans);
    childPolicies = childPolicies == null || childPolicies.isEmpty() ? List.of("none") : Immutables.list(childPolicies);
  }
}
