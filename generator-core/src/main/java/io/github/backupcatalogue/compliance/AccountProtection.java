package io.github.backupcatalogue.compliance;

import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.Plan;
import io.github.backupcatalogue.plan.Scope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The one place that knows which plans each account effectively gets. Controls are checked, and
 * the compliance report written, from what this class answers and nothing else.
 *
 * <p>For now: the catalogue's plans that reach the account as written, through the policies
 * attached to the root, its OUs or the account itself (single-account catalogues: every plan,
 * directly). When the effective-policy engine (AWS's inheritance operators) lands, {@link #plansFor}
 * answers from it instead: the same map, with the overrides applied.
 */
public final class AccountProtection {

  private AccountProtection() {}

  /**
   * A plan an account effectively gets, with where it comes from.
   *
   * @param plan the effective plan
   * @param pointer the JSON pointer of the plan in the catalogue, e.g. {@code /plans/Daily}
   * @param via the policies that bring it to the account ({@code ["direct"]} in a single-account
   *     catalogue), each as a JSON pointer, e.g. {@code /policies/production}
   */
  public record EffectivePlan(Plan plan, String pointer, List<String> via) {
    public EffectivePlan {
      via = List.copyOf(via);
    }
  }

  /** Plan name -> the effective plan, in the catalogue's order of plans. */
  public static Map<String, EffectivePlan> plansFor(Catalogue catalogue, String account) {
    Map<String, List<String>> via = new LinkedHashMap<>();
    if (catalogue.singleAccount()) {
      if (catalogue.account() != null && account.equals(catalogue.account().name())) {
        catalogue.plans().keySet().forEach(name -> via.put(name, List.of("direct")));
      }
    } else {
      catalogue.policies().forEach((policyName, policy) -> {
        if (Scope.reachedAccounts(catalogue.organization(), policy).contains(account)) {
          for (String plan : policy.plans()) {
            via.computeIfAbsent(plan, p -> new ArrayList<>()).add("/policies/" + escape(policyName));
          }
        }
      });
    }
    Map<String, EffectivePlan> plans = new LinkedHashMap<>();
    catalogue.plans().forEach((name, plan) -> {
      if (via.containsKey(name)) {
        plans.put(name, new EffectivePlan(plan, "/plans/" + escape(name), via.get(name)));
      }
    });
    return plans;
  }

  /** Every account the catalogue describes, sorted by name (those that get no plan too). */
  public static SortedSet<String> accounts(Catalogue catalogue) {
    SortedSet<String> accounts = new TreeSet<>();
    if (!catalogue.singleAccount()) {
      catalogue.organization().accounts().keySet().stream().filter(java.util.Objects::nonNull).forEach(accounts::add);
    } else if (catalogue.account() != null && catalogue.account().name() != null) {
      accounts.add(catalogue.account().name());
    }
    return accounts;
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

}
