package io.github.backupcatalogue.effective;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.backupcatalogue.catalogue.Account;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.Organization;
import io.github.backupcatalogue.catalogue.OrganizationalUnit;
import io.github.backupcatalogue.catalogue.Plan;
import io.github.backupcatalogue.catalogue.Policy;
import io.github.backupcatalogue.plan.BackupPolicyDocuments;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The effective backup policy of every account of a valid catalogue: the policy documents the
 * generator writes for the policies attached to the root, to each OU on the account's path and to
 * the account, merged by {@link EffectivePolicyEngine} as AWS Organizations merges them.
 */
public final class EffectivePolicies {

  private static final Pattern ADDED_SELECTION = Pattern.compile("^/plans/([^/]+)/selections/(?:tags|resources)/([^/]+)");

  private EffectivePolicies() {}

  /** Account name -> what it receives, for every account of the catalogue (sorted by name). */
  public static SortedMap<String, EffectiveAccountPolicy> of(Catalogue c) {
    SortedMap<String, EffectiveAccountPolicy> result = new TreeMap<>();
    if (c.singleAccount()) {
      List<String> planNames = List.copyOf(c.plans().keySet());
      var document = BackupPolicyDocuments.plansDocument(c, planNames, List.of("all"));
      EffectiveResult merged = EffectivePolicyEngine.levels(
          List.of(List.of(new PolicyDocument("plans", document))), KeyNames.BACKUP_POLICY);
      SortedMap<String, Source> planSources = new TreeMap<>();
      planNames.forEach(plan -> planSources.put(plan, new Source(null, pointer("plans", plan))));
      result.put(c.account().name(), new EffectiveAccountPolicy(c.account().name(), List.of(), merged.effective(),
          new TreeMap<>(c.plans()), planSources, valueSources(c, merged, Map.of()), merged.findings()));
      return result;
    }
    Organization org = c.organization();
    org.accounts().forEach((name, account) -> result.put(name, forAccount(c, name, account)));
    return result;
  }

  /** The catalogue policies that reach the account, level by level: root, each OU top down, the account. */
  public static List<List<String>> policyLevels(Catalogue c, String accountName) {
    Organization org = c.organization();
    Account account = org.accounts().get(accountName);
    List<List<String>> levels = new ArrayList<>();
    levels.add(attached(c, policy -> policy.attachTo().root()));
    for (String ou : ouPath(org, account.ou())) {
      levels.add(attached(c, policy -> policy.attachTo().organizationalUnits().contains(ou)));
    }
    levels.add(attached(c, policy -> policy.attachTo().accounts().contains(accountName)));
    levels.removeIf(List::isEmpty);
    return levels;
  }

  private static EffectiveAccountPolicy forAccount(Catalogue c, String name, Account account) {
    List<List<String>> levelNames = policyLevels(c, name);
    List<List<PolicyDocument>> levels = new ArrayList<>();
    List<String> chain = new ArrayList<>();
    for (List<String> level : levelNames) {
      List<PolicyDocument> documents = new ArrayList<>();
      for (String policy : level) {
        documents.add(new PolicyDocument(policy, BackupPolicyDocuments.document(c, policy)));
        chain.add(policy);
      }
      levels.add(documents);
    }
    EffectiveResult merged = EffectivePolicyEngine.levels(levels, KeyNames.BACKUP_POLICY);
    SortedMap<String, Plan> plans = new TreeMap<>();
    SortedMap<String, Source> planSources = new TreeMap<>();
    for (String policyName : chain) {
      Policy policy = c.policies().get(policyName);
      for (int i = 0; i < policy.plans().size(); i++) {
        String plan = policy.plans().get(i);
        if (!plans.containsKey(plan)) {
          plans.put(plan, c.plans().get(plan));
          planSources.put(plan, new Source(policyName, pointer("policies", policyName, "plans", Integer.toString(i))));
        }
      }
    }
    // Layered policies, top first, where their parent allows the change (AWS ignores the rest;
    // validation rejects it, BC130).
    for (String policyName : chain) {
      Policy policy = c.policies().get(policyName);
      if (policy.extension() != null) {
        policy.extension().plans().forEach((planName, change) -> {
          if (plans.containsKey(planName) && allowedEverywhere(merged, policyName, planName)) {
            plans.put(planName, PlanChanges.apply(plans.get(planName), change));
          }
        });
      }
    }
    return new EffectiveAccountPolicy(name, chain, merged.effective(), plans, planSources,
        valueSources(c, merged, planSources), merged.findings());
  }

  private static boolean allowedEverywhere(EffectiveResult merged, String policy, String plan) {
    String prefix = pointer("plans", plan);
    return merged.findings().stream().noneMatch(f -> f.policy().equals(policy)
        && (f.path().equals(prefix) || f.path().startsWith(prefix + "/")));
  }

  private static List<String> attached(Catalogue c, java.util.function.Predicate<Policy> where) {
    List<String> names = new ArrayList<>();
    c.policies().forEach((name, policy) -> {
      if (where.test(policy)) {
        names.add(name);
      }
    });
    return names;
  }

  /** The OUs from the one below the root down to {@code ou}; empty for an account under the root. */
  static List<String> ouPath(Organization org, String ou) {
    List<String> path = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (ou != null && !ou.equals(Organization.ROOT) && seen.add(ou)) {
      path.add(ou);
      OrganizationalUnit unit = org.organizationalUnits().get(ou);
      ou = unit == null ? null : unit.parent();
    }
    Collections.reverse(path);
    return path;
  }

  private static SortedMap<String, Source> valueSources(Catalogue c, EffectiveResult merged, Map<String, Source> planSources) {
    SortedMap<String, Source> sources = new TreeMap<>();
    merged.setBy().forEach((effectivePointer, policy) -> {
      Policy setter = c.singleAccount() ? null : c.policies().get(policy);
      String at = setter != null && setter.extension() != null && !setter.plans().contains(planOf(effectivePointer))
          ? extensionPointer(c, policy, effectivePointer)
          : cataloguePointer(c, effectivePointer);
      sources.put(effectivePointer, new Source(c.singleAccount() ? null : policy, at));
    });
    return sources;
  }

  private static String planOf(String effectivePointer) {
    JsonPointer p = JsonPointer.compile(effectivePointer).tail();
    return p == null || p.matches() ? "" : p.getMatchingProperty();
  }

  /**
   * The catalogue entry of a layered policy's change: {@code /policies/<name>/extends/plans/...},
   * with the policy document's keys mapped to the catalogue's names.
   */
  public static String extensionPointer(Catalogue c, String policy, String documentPointer) {
    Matcher selection = ADDED_SELECTION.matcher(documentPointer);
    if (selection.find()) {
      return pointer("policies", policy, "extends") + "/plans/" + selection.group(1) + "/add_selections/" + selection.group(2);
    }
    String mapped = cataloguePointer(c, documentPointer);
    mapped = mapped.replaceFirst("^(/plans/[^/]+/rules/[^/]+)/copy_to$", "$1/add_copies")
        .replaceFirst("^(/plans/[^/]+)/selections", "$1/add_selections");
    return pointer("policies", policy, "extends") + mapped;
  }

  /**
   * The catalogue entry a value of the generated policy comes from: policy keys mapped back to the
   * catalogue's names ({@code schedule_expression} -> {@code schedule}, ...); copy actions and
   * generated selections point at the rule's {@code copy_to} and the plan's {@code selections}.
   */
  static String cataloguePointer(Catalogue c, String effectivePointer) {
    List<String> segments = new ArrayList<>();
    for (JsonPointer p = JsonPointer.compile(effectivePointer); !p.matches(); p = p.tail()) {
      segments.add(p.getMatchingProperty());
    }
    if (segments.size() < 2 || !segments.get(0).equals("plans")) {
      return effectivePointer;
    }
    String planName = segments.get(1);
    Plan plan = c.plans().get(planName);
    List<String> out = new ArrayList<>(List.of("plans", planName));
    if (plan == null || segments.size() == 2) {
      return pointer(out.toArray(String[]::new));
    }
    String section = segments.get(2);
    switch (section) {
      case "regions" -> out.add("regions");
      case "backup_plan_tags" -> {
        out.add("tags");
        if (segments.size() > 3) {
          out.add(segments.get(3));
        }
      }
      case "advanced_backup_settings" -> out.add("advanced_settings");
      case "scan_settings" -> out.add("malware_scanning");
      case "selections" -> {
        out.add("selections");
        if (segments.size() > 4 && plan.selections().containsKey(segments.get(4))) {
          out.add(segments.get(4));
        }
      }
      case "rules" -> {
        out.add("rules");
        if (segments.size() > 3) {
          String rule = plan.rules().keySet().stream()
              .filter(r -> r.toLowerCase(Locale.ROOT).equals(segments.get(3))).findFirst().orElse(segments.get(3));
          out.add(rule);
          if (segments.size() > 4) {
            ruleKey(segments.subList(4, segments.size()), out);
          }
        }
      }
      default -> out.add(section);
    }
    return pointer(out.toArray(String[]::new));
  }

  private static void ruleKey(List<String> rest, List<String> out) {
    switch (rest.get(0)) {
      case "schedule_expression" -> out.add("schedule");
      case "start_backup_window_minutes" -> out.add("start_window_minutes");
      case "complete_backup_window_minutes" -> out.add("completion_window_minutes");
      case "enable_continuous_backup" -> out.add("continuous_backup");
      case "target_backup_vault_name" -> out.add("vault");
      case "copy_actions" -> out.add("copy_to");
      case "scan_actions" -> out.add("malware_scan");
      case "recovery_point_tags" -> {
        out.add("recovery_point_tags");
        if (rest.size() > 1) {
          out.add(rest.get(1));
        }
      }
      case "lifecycle" -> {
        out.add("lifecycle");
        if (rest.size() > 1) {
          out.add(switch (rest.get(1)) {
            case "move_to_cold_storage_after_days" -> "cold_storage_after_days";
            case "opt_in_to_archive_for_supported_resources" -> "opt_in_to_archive";
            default -> rest.get(1);
          });
        }
      }
      default -> out.add(rest.get(0));
    }
  }

  static String pointer(String... segments) {
    StringBuilder b = new StringBuilder();
    for (String s : segments) {
      b.append('/').append(s.replace("~", "~0").replace("/", "~1"));
    }
    return b.toString();
  }
}
