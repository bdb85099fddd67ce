package io.github.backupcatalogue.catalogue;

import java.util.List;

/**
 * Where a backup policy is attached.
 *
 * @param root the organization root (every account)
 * @param organizationalUnits OU names
 * @param accounts account names
 */
public record AttachTo(
    @Doc("The organization root (every account).") Boolean root,
    @Doc("OU names.") List<String> organizationalUnits,
    @Doc("Account names.") List<String> accounts) {

  public AttachTo {
    root = Immutables.orDefault(root, false);
    organizationalUnits = Immutables.list(organizationalUnits);
    accounts = Immutables.list(accounts);
  }
}
