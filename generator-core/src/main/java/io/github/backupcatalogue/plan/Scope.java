package io.github.backupcatalogue.plan;

import io.github.backupcatalogue.catalogue.Account;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.CopyAction;
import io.github.backupcatalogue.catalogue.Organization;
import io.github.backupcatalogue.catalogue.Plan;
import io.github.backupcatalogue.catalogue.Policy;
import io.github.backupcatalogue.catalogue.Rule;
import io.github.backupcatalogue.catalogue.Selection;
import io.github.backupcatalogue.catalogue.VaultLocation;
import io.github.backupcatalogue.validate.ResourceTypes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who gets what: which plans reach which account (through the policies' attachments and the OU
 * tree), and from that which vaults each account needs in which regions, which central vaults
 * receive copies from which accounts, and which backup roles need the S3 policies. Sorted
 * collections throughout, so the output never depends on hash order.
 */
public final class Scope {

  /** A plan region an account does not list: no vault is generated there. */
  public record SkippedRegion(String account, String plan, String region) {}

  /** A copy into a central vault: from which account, in which region. */
  public record CentralSource(String vault, String region, String account) {}

  private final SortedMap<String, Set<String>> plansByAccount = new TreeMap<>();
  private final SortedMap<String, SortedMap<String, SortedSet<String>>> memberVaults = new TreeMap<>();
  private final SortedMap<String, SortedMap<String, SortedSet<String>>> centralSources = new TreeMap<>();
  private final SortedMap<String, SortedSet<String>> backupRegions = new TreeMap<>();
  private final SortedSet<String> s3Accounts = new TreeSet<>();
  private final SortedMap<String, SortedMap<String, SortedSet<String>>> copyBackVaults = new TreeMap<>();
  private final SortedMap<String, SortedMap<String, SortedSet<String>>> selectedTypes = new TreeMap<>();
  private final SortedMap<String, SortedMap<String, SortedSet<String>>> crossAccountCopyTypes = new TreeMap<>();
  private final List<SkippedRegion> skipped = new ArrayList<>();

  private Scope() {}

  /** Computes the scope of a valid catalogue. */
  public static Scope of(Catalogue catalogue) {
    Scope scope = new Scope();
    scope.compute(catalogue);
    return scope;
  }

  private void compute(Catalogue c) {
    if (c.singleAccount()) {
      plansByAccount.put(c.account().name(), new LinkedHashSet<>(c.plans().keySet()));
    } else {
      Organization org = c.organization();
      for (Policy policy : c.policies().values()) {
        for (String account : reachedAccounts(org, policy)) {
          plansByAccount.computeIfAbsent(account, a -> new LinkedHashSet<>()).addAll(policy.plans());
        }
      }
    }
    // What each account receives once layered policies have changed the inherited plans.
    Map<String, io.github.backupcatalogue.effective.EffectiveAccountPolicy> effective =
        c.singleAccount() ? Map.of() : io.github.backupcatalogue.effective.EffectivePolicies.of(c);
    plansByAccount.forEach((account, plans) -> {
      List<String> accountRegions = regionsOf(c, account);
      for (String planName : plans) {
        Plan plan = effective.containsKey(account) ? effective.get(account).plans().get(planName) : c.plans().get(planName);
        for (String region : plan.regions()) {
          if (!accountRegions.isEmpty() && !accountRegions.contains(region)) {
            skipped.add(new SkippedRegion(account, planName, region));
            continue;
          }
          backupRegions.computeIfAbsent(account, a -> new TreeSet<>()).add(region);
          SortedSet<String> types = ResourceTypes.selectedTypes(selectionTypes(c, planName, plan));
          add(selectedTypes, account, region, types);
          for (Rule rule : plan.rules().values()) {
            memberVault(account, rule.vault(), region);
            for (CopyAction copy : rule.copyTo()) {
              String destinationRegion = copy.region() != null ? copy.region() : region;
              if (c.vaults().get(copy.vault()).location() == VaultLocation.CENTRAL_ACCOUNT) {
                centralSources.computeIfAbsent(copy.vault(), v -> new TreeMap<>())
                    .computeIfAbsent(destinationRegion, r -> new TreeSet<>()).add(account);
                add(copyBackVaults, account, rule.vault(), Set.of(region));
                add(crossAccountCopyTypes, account, region, types);
                String central = c.organization().centralBackupAccount();
                if (!account.equals(central)) {
                  add(crossAccountCopyTypes, central, destinationRegion, types);
                }
              } else {
                memberVault(account, copy.vault(), destinationRegion);
              }
            }
          }
          if (selectsS3(c, planName, plan)) {
            s3Accounts.add(account);
          }
        }
      }
    });
  }

  private static void add(SortedMap<String, SortedMap<String, SortedSet<String>>> map, String a, String b, Set<String> values) {
    map.computeIfAbsent(a, k -> new TreeMap<>()).computeIfAbsent(b, k -> new TreeSet<>()).addAll(values);
  }

  /**
   * The resource types a plan's selections name, as written ({@link ResourceTypes#selectedTypes}
   * resolves them); {@code *} for a tag selection or a data classification (any type).
   */
  public static List<String> selectionTypes(Catalogue c, String planName, Plan plan) {
    List<String> types = new ArrayList<>();
    for (Selection selection : plan.selections().values()) {
      if (selection.tag() != null) {
        types.add("*");
      }
      types.addAll(selection.resourceTypes());
    }
    if (c.dataClassification() != null
        && c.dataClassification().values().values().stream().anyMatch(plans -> plans.contains(planName))) {
      types.add("*");
    }
    return types;
  }

  private void memberVault(String account, String vault, String region) {
    memberVaults.computeIfAbsent(account, a -> new TreeMap<>()).computeIfAbsent(vault, v -> new TreeSet<>()).add(region);
  }

  /** S3 policies are needed when a selection names S3 or can match buckets (by tag, or everything). */
  static boolean selectsS3(Catalogue c, String planName, Plan plan) {
    for (Selection selection : plan.selections().values()) {
      if (selection.tag() != null || selection.resourceTypes().stream().anyMatch(ResourceTypes::mayBeS3)) {
        return true;
      }
    }
    return c.dataClassification() != null
        && c.dataClassification().values().values().stream().anyMatch(plans -> plans.contains(planName));
  }

  private static List<String> regionsOf(Catalogue c, String account) {
    if (c.singleAccount()) {
      return c.account().regions();
    }
    Account a = c.organization().accounts().get(account);
    return a == null ? List.of() : a.regions();
  }

  /** True when the OU {@code ou} is {@code ancestor} or lies below it ({@code root} is above everything). */
  public static boolean isBelow(Organization org, String ou, String ancestor) {
    if (ancestor.equals(Organization.ROOT)) {
      return true;
    }
    Set<String> seen = new java.util.HashSet<>();
    while (ou != null && !ou.equals(Organization.ROOT) && seen.add(ou)) {
      if (ou.equals(ancestor)) {
        return true;
      }
      var unit = org.organizationalUnits().get(ou);
      ou = unit == null ? null : unit.parent();
    }
    return false;
  }

  /** The policies that reach some account of a baseline OU: at the root, above, at, or below it. */
  public static List<String> baselinePolicies(Catalogue c) {
    Organization org = c.organization();
    List<String> names = new ArrayList<>();
    if (org == null || org.baseline() == null) {
      return names;
    }
    c.policies().forEach((name, policy) -> {
      boolean reaches = policy.attachTo().root() || policy.attachTo().organizationalUnits().stream()
          .anyMatch(ou -> org.baseline().organizationalUnits().stream()
              .anyMatch(b -> isBelow(org, ou, b) || isBelow(org, b, ou)));
      if (reaches) {
        names.add(name);
      }
    });
    return names;
  }

  /** Every vault the baseline policies' plans back up or copy into, with where it lives. */
  public static SortedMap<String, VaultLocation> baselineVaultLocations(Catalogue c) {
    SortedMap<String, VaultLocation> vaults = new TreeMap<>();
    for (String policyName : baselinePolicies(c)) {
      for (String planName : c.policies().get(policyName).plans()) {
        for (Rule rule : c.plans().get(planName).rules().values()) {
          vaults.put(rule.vault(), c.vaults().get(rule.vault()).location());
          rule.copyTo().forEach(copy -> vaults.put(copy.vault(), c.vaults().get(copy.vault()).location()));
        }
      }
    }
    return vaults;
  }

  /** The accounts a policy reaches, sorted by name. */
  public static SortedSet<String> reachedAccounts(Organization org, Policy policy) {
    SortedSet<String> reached = new TreeSet<>();
    org.accounts().forEach((name, account) -> {
      if (policy.attachTo().root() || policy.attachTo().accounts().contains(name)
          || policy.attachTo().organizationalUnits().stream().anyMatch(ou -> isBelow(org, account.ou(), ou))) {
        reached.add(name);
      }
    });
    return reached;
  }

  /** Account -> plans it receives, in catalogue order. */
  public SortedMap<String, Set<String>> plansByAccount() {
    return Collections.unmodifiableSortedMap(plansByAccount);
  }

  /** Account -> member vault -> regions it is needed in. */
  public SortedMap<String, SortedMap<String, SortedSet<String>>> memberVaults() {
    return Collections.unmodifiableSortedMap(memberVaults);
  }

  /** Account -> regions its backup jobs run in. */
  public SortedMap<String, SortedSet<String>> backupRegions() {
    return Collections.unmodifiableSortedMap(backupRegions);
  }

  /** Central vault -> region -> accounts copying into it there. */
  public SortedMap<String, SortedMap<String, SortedSet<String>>> centralSources() {
    return Collections.unmodifiableSortedMap(centralSources);
  }

  /** Central vault -> regions it is needed in. */
  public SortedMap<String, SortedSet<String>> centralRegions() {
    SortedMap<String, SortedSet<String>> regions = new TreeMap<>();
    centralSources.forEach((vault, byRegion) -> regions.put(vault, new TreeSet<>(byRegion.keySet())));
    return regions;
  }

  /** Accounts whose backup role needs the S3 backup and restore policies. */
  public SortedSet<String> s3Accounts() {
    return Collections.unmodifiableSortedSet(s3Accounts);
  }

  /** Account -> member vault -> regions where it copies into a central vault (and so may receive copies back). */
  public SortedMap<String, SortedMap<String, SortedSet<String>>> copyBackVaults() {
    return Collections.unmodifiableSortedMap(copyBackVaults);
  }

  /** Account -> region -> the resource types its plans select there ({@link ResourceTypes} names). */
  public SortedMap<String, SortedMap<String, SortedSet<String>>> selectedTypes() {
    return Collections.unmodifiableSortedMap(selectedTypes);
  }

  /**
   * Account -> region -> the resource types whose backups cross an account boundary there, as the
   * source (copies out) or as the central account (copies in).
   */
  public SortedMap<String, SortedMap<String, SortedSet<String>>> crossAccountCopyTypes() {
    return Collections.unmodifiableSortedMap(crossAccountCopyTypes);
  }

  public List<SkippedRegion> skippedRegions() {
    return List.copyOf(skipped);
  }
}
