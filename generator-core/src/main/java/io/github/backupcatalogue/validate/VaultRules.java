package io.github.backupcatalogue.validate;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.Encryption;
import io.github.backupcatalogue.catalogue.KeyType;
import io.github.backupcatalogue.catalogue.LockMode;
import io.github.backupcatalogue.catalogue.VaultLocation;
import io.github.backupcatalogue.catalogue.VaultLock;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.load.SourceMap;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Vaults: names and break-glass roles (BC107), encryption (BC225, BC226), locks (BC221-BC224), and
 * central-account vaults (BC234).
 */
final class VaultRules extends RuleSupport {

  /** The shortest minimum retention of a logically air-gapped vault (CreateLogicallyAirGappedBackupVault). */
  static final int AIR_GAP_MIN_RETENTION = 7;
  private static final Pattern VAULT_NAME = Pattern.compile("[0-9A-Za-z_-]{2,50}");
  private static final Pattern KMS_KEY_ARN = Pattern.compile("arn:aws:kms:[a-z0-9-]+:\\d{12}:key/[0-9a-zA-Z-]+");

  VaultRules(SourceMap sourceMap, List<Diagnostic> problems) {
    super(sourceMap, problems);
  }

  void check(Catalogue c) {
    c.vaults().forEach((name, vault) -> {
      JsonPointer p = ptr("vaults", name);
      if (!VAULT_NAME.matcher(name).matches()) {
        error("BC107", sourceMap.key(p), "vault name '" + name + "' is not valid", "use 2-50 letters, digits, _ and -");
      }
      checkEncryption(name, vault.encryption(), p.appendProperty("encryption"));
      if (vault.lock() != null) {
        checkLock(vault.lock(), p.appendProperty("lock"));
      }
      if (vault.location() == VaultLocation.CENTRAL_ACCOUNT && c.organization() != null
          && c.organization().centralBackupAccount() == null) {
        error("BC234", sourceMap.value(p.appendProperty("location")), "vault '" + name
            + "' lives in the central account, but the organization names no central_backup_account",
            "add 'central_backup_account: <account name>' under organization");
      }
      if (vault.location() == VaultLocation.CENTRAL_ACCOUNT && c.organization() == null) {
        error("BC234", sourceMap.value(p.appendProperty("location")), "a single-account catalogue has no central account",
            "remove 'location: central_account'");
      }
      if (vault.airGapped() != null) {
        checkAirGap(c, name, vault, p);
      }
      var access = vault.accessPolicy();
      if (access.breakGlassRole() != null && !RoleRules.breakGlassRole(access.breakGlassRole())) {
        error("BC107", sourceMap.value(p.appendProperty("access_policy").appendProperty("break_glass_role")),
            "'" + access.breakGlassRole() + "' is not an IAM role name", "give the role's name, or its path and name "
                + "(/ops/BackupBreakGlass), not its ARN");
      }
    });
  }

  /** AWS's constraints on logically air-gapped vaults ("Logically air-gapped vault", CreateLogicallyAirGappedBackupVault). */
  private void checkAirGap(Catalogue c, String name, io.github.backupcatalogue.catalogue.Vault vault, JsonPointer p) {
    var gap = vault.airGapped();
    JsonPointer g = p.appendProperty("air_gapped");
    if (gap.minRetentionDays() == null || gap.maxRetentionDays() == null) {
      error("BC520", sourceMap.key(g), "an air-gapped vault needs min_retention_days and max_retention_days",
          "add both: AWS locks the vault in compliance mode with them");
    } else {
      if (gap.minRetentionDays() < AIR_GAP_MIN_RETENTION) {
        error("BC520", sourceMap.value(g.appendProperty("min_retention_days")), "min_retention_days is " + gap.minRetentionDays()
            + "; an air-gapped vault keeps recovery points at least " + AIR_GAP_MIN_RETENTION + " days", "use 7 or more");
      }
      if (gap.minRetentionDays() > gap.maxRetentionDays()) {
        error("BC520", sourceMap.value(g.appendProperty("max_retention_days")), "max_retention_days (" + gap.maxRetentionDays()
            + ") is less than min_retention_days (" + gap.minRetentionDays() + ")", "swap them or correct one");
      }
    }
    if (vault.lock() != null) {
      error("BC521", sourceMap.key(p.appendProperty("lock")), "an air-gapped vault has no separate lock: AWS locks it in "
          + "compliance mode with air_gapped's retentions", "remove lock; set the retentions under air_gapped");
    }
    if (vault.encryption().key() == KeyType.AWS_MANAGED) {
      error("BC522", sourceMap.value(p.appendProperty("encryption").appendProperty("key")), "an air-gapped vault is "
          + "encrypted with an AWS owned key or a customer-managed key, not the AWS managed key",
          "remove encryption (AWS owned key), or use 'key: existing' with key_arn");
    }
    if (vault.location() != VaultLocation.CENTRAL_ACCOUNT) {
      error("BC523", sourceMap.key(g), "air-gapped vault '" + name + "' must live in the central account: it receives copies",
          "add 'location: central_account'");
    }
    if (gap.shareWith() != null && c.organization() != null) {
      for (int i = 0; i < gap.shareWith().size(); i++) {
        String account = gap.shareWith().get(i);
        if (!c.organization().accounts().containsKey(account)) {
          String suggestion = io.github.backupcatalogue.load.Suggestions.closest(account, c.organization().accounts().keySet())
              .map(x -> "; did you mean '" + x + "'?").orElse("");
          error("BC152", sourceMap.value(g.appendProperty("share_with").appendIndex(i)), "unknown account '" + account + "'"
              + suggestion, "share_with names accounts of organization.accounts");
        }
      }
    }
  }

  private void checkEncryption(String vault, Encryption e, JsonPointer p) {
    if (e.key() == KeyType.EXISTING && e.keyArn() == null) {
      error("BC226", sourceMap.value(p.appendProperty("key")), "vault '" + vault + "' uses an existing key but gives no key_arn",
          "add 'key_arn: arn:aws:kms:<region>:<account>:key/<id>'");
    }
    if (e.keyArn() != null && e.key() != KeyType.EXISTING) {
      error("BC226", sourceMap.key(p.appendProperty("key_arn")), "key_arn is only read with 'key: existing'",
          "add 'key: existing', or remove key_arn");
    }
    if (e.keyArn() != null && !KMS_KEY_ARN.matcher(e.keyArn()).matches()) {
      error("BC226", sourceMap.value(p.appendProperty("key_arn")), "'" + e.keyArn() + "' is not a KMS key ARN",
          "write arn:aws:kms:<region>:<account>:key/<key id>; aliases are not accepted by AWS Backup vaults");
    }
    if (e.deletionWindowDays() < 7 || e.deletionWindowDays() > 30) {
      error("BC225", sourceMap.value(p.appendProperty("deletion_window_days")), "deletion_window_days is "
          + e.deletionWindowDays() + "; KMS accepts 7 to 30", "use 30, the safest");
    }
  }

  private void checkLock(VaultLock lock, JsonPointer p) {
    if (lock.minRetentionDays() != null && lock.minRetentionDays() < 1) {
      error("BC223", sourceMap.value(p.appendProperty("min_retention_days")), "min_retention_days must be at least 1", null);
    }
    if (lock.minRetentionDays() != null && lock.maxRetentionDays() != null && lock.minRetentionDays() > lock.maxRetentionDays()) {
      error("BC223", sourceMap.value(p.appendProperty("max_retention_days")), "max_retention_days (" + lock.maxRetentionDays()
          + ") is less than min_retention_days (" + lock.minRetentionDays() + ")", "swap them or correct one");
    }
    if (lock.mode() == LockMode.GOVERNANCE && lock.changeableForDays() != null) {
      error("BC224", sourceMap.key(p.appendProperty("changeable_for_days")),
          "changeable_for_days turns a lock into compliance mode, but mode is governance",
          "remove changeable_for_days, or set 'mode: compliance' deliberately");
    }
    if (lock.mode() == LockMode.COMPLIANCE) {
      if (lock.changeableForDays() == null) {
        error("BC221", sourceMap.key(p), "a compliance lock needs changeable_for_days (at least 3)",
            "add 'changeable_for_days: 3': the grace period in which the lock can still be removed");
      } else if (lock.changeableForDays() < 3) {
        error("BC221", sourceMap.value(p.appendProperty("changeable_for_days")), "changeable_for_days is "
            + lock.changeableForDays() + "; AWS requires at least 3", "use 3 or more");
      }
      if (!lock.acknowledgeIrreversible()) {
        error("BC222", sourceMap.value(p.appendProperty("mode")), "a compliance lock is irreversible after "
            + "changeable_for_days: nobody, not even the root user, can delete the vault or shorten retention",
            "if that is intended, add 'acknowledge_irreversible: true' to this lock");
      }
    }
  }
}
