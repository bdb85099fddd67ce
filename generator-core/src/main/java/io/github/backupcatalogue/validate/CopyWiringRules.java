package io.github.backupcatalogue.validate;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.KeyType;
import io.github.backupcatalogue.catalogue.Vault;
import io.github.backupcatalogue.catalogue.VaultLocation;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.load.SourceMap;
import java.util.List;

/**
 * Copies into the central account, those of the plans and those layered policies add: the key (BC231,
 * BC302), the vault's access policy (BC238), and settings.cross_account_backup (BC232).
 */
final class CopyWiringRules extends RuleSupport {

  CopyWiringRules(SourceMap sourceMap, List<Diagnostic> problems) {
    super(sourceMap, problems);
  }

  void check(Catalogue c) {
    c.plans().forEach((planName, plan) -> plan.rules().forEach((ruleName, rule) -> {
      for (int i = 0; i < rule.copyTo().size(); i++) {
        checkCopy(c, rule.copyTo().get(i).vault(),
            ptr("plans", planName, "rules", ruleName, "copy_to").appendIndex(i).appendProperty("vault"));
      }
    }));
    // copies a layered policy adds to an inherited rule
    c.policies().forEach((policyName, policy) -> {
      if (policy.extension() == null) {
        return;
      }
      policy.extension().plans().forEach((planName, change) -> {
        if (change == null) {
          return;
        }
        change.rules().forEach((ruleName, rule) -> {
          for (int i = 0; rule != null && i < rule.addCopies().size(); i++) {
            if (rule.addCopies().get(i) != null) {
              checkCopy(c, rule.addCopies().get(i).vault(), ptr("policies", policyName, "extends", "plans", planName, "rules",
                  ruleName, "add_copies").appendIndex(i).appendProperty("vault"));
            }
          }
        });
      });
    });
  }

  private void checkCopy(Catalogue c, String vaultName, JsonPointer cp) {
    Vault destination = vaultName == null ? null : c.vaults().get(vaultName);
    if (destination == null || destination.location() != VaultLocation.CENTRAL_ACCOUNT) {
      return;
    }
    if (destination.encryption().key() == KeyType.AWS_MANAGED) {
      error("BC231", sourceMap.value(cp), "copies go to vault '" + vaultName + "' in another account, but it is "
          + "encrypted with the AWS managed key, whose policy cannot let other accounts in",
          "use 'key: create' (the default) for vault '" + vaultName + "'");
    }
    if (destination.encryption().key() == KeyType.EXISTING) {
      warning("BC302", sourceMap.value(cp), "vault '" + vaultName + "' uses an existing key; the generator cannot "
          + "add the source accounts' backup roles to its key policy", "grant those roles kms:Encrypt, Decrypt, "
          + "ReEncrypt*, GenerateDataKey*, DescribeKey and CreateGrant in the key's policy yourself");
    }
    if (Boolean.FALSE.equals(destination.accessPolicy().allowCopyFromOrganization())) {
      error("BC238", sourceMap.value(cp), "copies go to vault '" + vaultName + "' from other accounts, but its "
          + "access policy does not allow copies in; every copy job would fail with AccessDenied",
          "remove 'allow_copy_from_organization: false' from vault '" + vaultName + "'");
    }
    if (!c.settings().crossAccountBackup()) {
      error("BC232", sourceMap.value(cp), "copies go to another account, but settings.cross_account_backup is off",
          "set 'settings: {cross_account_backup: true}'");
    }
  }
}
