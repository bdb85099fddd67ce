package io.github.backupcatalogue.catalogue;

import java.util.List;

/**
 * What a control covers. Accounts: every account that receives backup plans, unless
 * {@code organizational_units} or {@code accounts} narrow it (an account is in scope when it is
 * listed or lies below a listed OU). Resources: all, or those of {@code resource_types}, or those
 * carrying {@code tag} (AWS allows one tag per control scope).
 *
 * @param organizationalUnits OU names: the accounts below them
 * @param accounts account names
 * @param resourceTypes resource types by AWS Backup's names (RDS, EBS, S3, ...)
 * @param tag resources carrying this tag
 */
public record ControlScope(
    @Doc(value = "OU names: the accounts below them.", defaultValue = "[]", example = "[production]") List<String> organizationalUnits,
    @Doc(value = "Account names.", defaultValue = "[]", example = "[payments-prod]") List<String> accounts,
    @Doc(value = "Resource types by AWS Backup's names (RDS, EBS, S3, ...).", defaultValue = "[]", example = "[RDS, Aurora]") List<String> resourceTypes,
    @Doc("Resources carrying this tag.") TagMatch tag) {

  public ControlScope {
    organizationalUnits = Immutables.list(organizationalUnits);
    accounts = Immutables.list(accounts);
    resourceTypes = Immutables.list(resourceTypes);
  }

  /** True when neither OUs nor accounts narrow the scope. */
  public boolean everyAccount() {
    return organizationalUnits.isEmpty() && accounts.isEmpty();
  }
}
