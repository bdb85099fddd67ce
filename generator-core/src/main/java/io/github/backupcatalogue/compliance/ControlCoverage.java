package io.github.backupcatalogue.compliance;

import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.Control;
import io.github.backupcatalogue.catalogue.ControlScope;
import io.github.backupcatalogue.catalogue.CopyAction;
import io.github.backupcatalogue.catalogue.Rule;
import io.github.backupcatalogue.catalogue.VaultLocation;
import io.github.backupcatalogue.plan.Scope;
import io.github.backupcatalogue.validate.ResourceTypes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a control covers in a valid catalogue: which accounts (its scope's OUs and accounts, or
 * every account that gets plans), which of an account's effective plans (those that may back up
 * the scope's resource types), and which vaults hold an account's recovery points.
 */
public final class ControlCoverage {

  private ControlCoverage() {}

  /**
   * The accounts a control covers, sorted by name: those its scope lists, or, by default, every
   * account that gets backup plans and the central backup account, which holds the copies.
   */
  public static SortedSet<String> accounts(Catalogue c, Control control) {
    ControlScope scope = control.scope();
    SortedSet<String> accounts = new TreeSet<>();
    String central = c.singleAccount() ? null : c.organization().centralBackupAccount();
    boolean centralHoldsCopies = central != null && c.vaults().values().stream().anyMatch(v -> v.location() == VaultLocation.CENTRAL_ACCOUNT);
    for (String account : AccountProtection.accounts(c)) {
      boolean byDefault = !AccountProtection.plansFor(c, account).isEmpty() || centralHoldsCopies && account.equals(central);
      if (scope.everyAccount() ? byDefault : listed(c, scope, account)) {
        accounts.add(account);
      }
    }
    return accounts;
  }

  private static boolean listed(Catalogue c, ControlScope scope, String account) {
    if (scope.accounts().contains(account)) {
      return true;
    }
    if (c.singleAccount()) {
      return false;
    }
    String ou = c.organization().accounts().get(account).ou();
    return scope.organizationalUnits().stream().anyMatch(unit -> Scope.isBelow(c.organization(), ou, unit));
  }

  /** The resource types a plan may back up ({@link ResourceTypes} names; a tag selection: every type it opts in). */
  public static SortedSet<String> types(Catalogue c, String planName, AccountProtection.EffectivePlan plan) {
    return ResourceTypes.selectedTypes(Scope.selectionTypes(c, planName, plan.plan()));
  }

  /**
   * The account's effective plans the control looks at: all of them, or, with resource types in its
   * scope, those that may back up one of them.
   */
  public static Map<String, AccountProtection.EffectivePlan> plans(Catalogue c, Control control, String account) {
    Map<String, AccountProtection.EffectivePlan> plans = new LinkedHashMap<>();
    SortedSet<String> wanted = ResourceTypes.selectedTypes(control.scope().resourceTypes());
    AccountProtection.plansFor(c, account).forEach((name, plan) -> {
      if (wanted.isEmpty() || types(c, name, plan).stream().anyMatch(wanted::contains)) {
        plans.put(name, plan);
      }
    });
    return plans;
  }

  /**
   * The vaults in the account that hold its recovery points: the member vaults its plans back up
   * and copy into, and, in the central backup account, the central vaults.
   */
  public static SortedSet<String> vaults(Catalogue c, String account) {
    SortedSet<String> vaults = new TreeSet<>();
    AccountProtection.plansFor(c, account).values().forEach(plan -> {
      for (Rule rule : plan.plan().rules().values()) {
        vaults.add(rule.vault());
        for (CopyAction copy : rule.copyTo()) {
          if (c.vaults().get(copy.vault()).location() == VaultLocation.MEMBER_ACCOUNTS) {
            vaults.add(copy.vault());
          }
        }
      }
    });
    if (!c.singleAccount() && account.equals(c.organization().centralBackupAccount())) {
      c.vaults().forEach((name, vault) -> {
        if (vault.location() == VaultLocation.CENTRAL_ACCOUNT) {
          vaults.add(name);
        }
      });
    }
    return vaults;
  }

  /** The account's id. */
  public static String accountId(Catalogue c, String account) {
    return c.singleAccount() ? c.account().id() : c.organization().accounts().get(account).id();
  }
}
