package io.github.backupcatalogue.compliance;

import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.Plan;
import io.github.backupcatalogue.effective.EffectiveAccountPolicy;
import io.github.backupcatalogue.effective.EffectivePolicies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The one place that knows which plans each account effectively gets. Controls are checked, and
 * the compliance report written, from what this class answers and nothing else: in an
 * organization, the effective-policy engine's answer ({@link EffectivePolicies}), i.e. every policy
 * attached to the root, the account's OUs and the account merged by AWS's inheritance operators;
 * in a single-account catalogue, every plan, directly.
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

  /**
   * Plan name -> the effective plan, in the catalogue's order of plans. In an organization the plans
   * are the effective policy engine's: every policy on the account's path merged as AWS merges them,
   * with the changes of layered policies ({@code extends}) applied where their parents allow them.
   */
  public static Map<String, EffectivePlan> plansFor(Catalogue catalogue, String account) {
    Map<String, EffectivePlan> plans = new LinkedHashMap<>();
    if (catalogue.singleAccount()) {
      if (catalogue.account() != null && account.equals(catalogue.account().name())) {
        catalogue.plans().forEach((name, plan) -> plans.put(name, new EffectivePlan(plan, "/plans/" + escape(name), List.of("direct"))));
      }
      return plans;
    }
    EffectiveAccountPolicy effective = effectivePolicies(catalogue).get(account);
    if (effective == null) {
      return plans;
    }
    catalogue.plans().keySet().forEach(name -> {
      Plan plan = effective.plans().get(name);
      if (plan != null) {
        List<String> via = new ArrayList<>();
        for (String policy : effective.policies()) {
          if (catalogue.policies().get(policy).plans().contains(name) || extendsPlan(catalogue.policies().get(policy), name)) {
            via.add("/policies/" + escape(policy));
          }
        }
        plans.put(name, new EffectivePlan(plan, "/plans/" + escape(name), via));
      }
    });
    return plans;
  }

  /** The last catalogue's effective policies: controls, the report and the planner ask for every account, often. */
  private record Memo(Catalogue catalogue, SortedMap<String, EffectiveAccountPolicy> policies) {}

  private static volatile Memo memo;

  /** Every account's effective policy, computed once per catalogue (compared by identity: records compare deeply). */
  private static SortedMap<String, EffectiveAccountPolicy> effectivePolicies(Catalogue catalogue) {
    Memo last = memo;
    if (last == null || last.catalogue() != catalogue) {
      last = new Memo(catalogue, EffectivePolicies.of(catalogue));
      memo = last;
    }
    return last.policies();
  }

  private static boolean extendsPlan(io.github.backupcatalogue.catalogue.Policy policy, String plan) {
    return policy.extension() != null && policy.extension().plans().containsKey(plan);
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
