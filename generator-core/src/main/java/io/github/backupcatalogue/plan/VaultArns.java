package io.github.backupcatalogue.plan;

import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.CopyAction;
import io.github.backupcatalogue.catalogue.VaultLocation;

/** Vault ARNs, known before the vaults exist: AWS derives them from region, account and name. */
final class VaultArns {

  private VaultArns() {}

  static String arn(String region, String account, String vault) {
    return "arn:aws:backup:" + region + ":" + account + ":backup-vault:" + vault;
  }

  /**
   * The destination ARN of a copy: the central account's id for central vaults, {@code $account}
   * (or, for a single account, its id) for vaults in the same account.
   */
  static String copyDestination(Catalogue c, CopyAction copy, String sourceRegion) {
    String region = copy.region() != null ? copy.region() : sourceRegion;
    if (c.vaults().get(copy.vault()).location() == VaultLocation.CENTRAL_ACCOUNT) {
      String central = c.organization().centralBackupAccount();
      return arn(region, c.organization().accounts().get(central).id(), copy.vault());
    }
    return arn(region, c.singleAccount() ? c.account().id() : "$account", copy.vault());
  }
}
