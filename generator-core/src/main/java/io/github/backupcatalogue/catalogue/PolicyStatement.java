package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An IAM policy statement of the catalogue's own, added as written to a generated policy (the
 * Organizations resource policy: an organization has only one, so other delegations must be merged
 * into it).
 *
 * @param sid the statement id, unique in the policy
 * @param effect {@code Allow} or {@code Deny}
 * @param principal e.g. {@code {AWS: ["arn:aws:iam::111122223333:root"]}}; never {@code *}
 * @param action the actions
 * @param resource the resources
 * @param condition operator -> key -> values
 */
public record PolicyStatement(
    @Doc(value = "The statement id, unique in the policy.", pattern = "^[A-Za-z0-9]{1,128}$", example = "ExistingTagPolicyDelegation") @JsonProperty(required = true) String sid,
    @Doc("Allow or Deny.") @JsonProperty(required = true) String effect,
    @Doc("E.g. {AWS: [\"arn:aws:iam::111122223333:root\"]}; never *.") @JsonProperty(required = true) Map<String, List<String>> principal,
    @Doc("The actions.") @JsonProperty(required = true) List<String> action,
    @Doc("The resources.") @JsonProperty(required = true) List<String> resource,
    @Doc("Operator -> key -> values.") Map<String, Map<String, List<String>>> condition) {

  public PolicyStatement {
    principal = Immutables.map(principal);
    action = Immutables.list(action);
    resource = Immutables.list(resource);
    condition = Immutables.map(condition);
  }
}
