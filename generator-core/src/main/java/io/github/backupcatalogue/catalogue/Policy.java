package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An organization backup policy.
 *
 * @param description shown in AWS Organizations
 * @param plans the names of the plans the policy carries
 * @param attachTo where the policy is attached
 * @param childPolicies what policies attached lower in the tree may change: {@code none} (the
 *     default), {@code all}, or a list of {@code override}, {@code append}, {@code remove}
 */
public record Policy(
    @Doc("Shown in AWS Organizations.") String description,
    @Doc("The names of the plans the policy carries.") @JsonProperty(required = true) List<String> plans,
    @Doc("Where the policy is attached.") @JsonProperty(required = true) AttachTo attachTo,
    @Doc(value = "What policies attached lower in the tree may change: none (the default), all, or a list of override, append, remove.", defaultValue = "[none]", example = "[append]") List<String> childPolicies) {

  public Policy {
    plans = Immutables.list(plans);
    childPolicies = childPolicies == null || childPolicies.isEmpty() ? List.of("none") : Immutables.list(childPolicies);
  }
}
