package io.github.backupcatalogue.validate;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.CopyAction;
import io.github.backupcatalogue.catalogue.Lifecycle;
import io.github.backupcatalogue.catalogue.ListChange;
import io.github.backupcatalogue.catalogue.Organization;
import io.github.backupcatalogue.catalogue.Plan;
import io.github.backupcatalogue.catalogue.PlanChange;
import io.github.backupcatalogue.catalogue.Policy;
import io.github.backupcatalogue.catalogue.PolicyExtension;
import io.github.backupcatalogue.catalogue.Rule;
import io.github.backupcatalogue.catalogue.RuleChange;
import io.github.backupcatalogue.catalogue.Vault;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.effective.EffectiveAccountPolicy;
import io.github.backupcatalogue.effective.EffectivePolicies;
import io.github.backupcatalogue.effective.EffectivePolicyEngine;
import io.github.backupcatalogue.effective.Finding;
import io.github.backupcatalogue.load.SourceMap;
import io.github.backupcatalogue.plan.Scope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Layered policies ({@code policies.<name>.extends}): what they name exists (BC131), the extended
 * policy reaches every account from higher up (BC132), list changes are one of override or
 * append/remove (BC133), a policy carries or extends something (BC134), a changed lifecycle keeps
 * 90 days in cold storage (BC135), changed retention and added copies fit the target vaults' locks
 * (BC214), and, once the catalogue is
 * otherwise valid, every change is one the parent's {@code child_policies} allows, as AWS
 * Organizations decides it on the generated policies (BC130); a plan carried again by a lower
 * policy where the higher one allows no change is ignored by AWS (warning BC340).
 */
final class PolicyExtensionRules extends RuleSupport {

  /** The plans' own checks, for what a layered policy adds or changes. */
  private final PlanRules planRules;

  PolicyExtensionRules(SourceMap sourceMap, List<Diagnostic> problems) {
    super(sourceMap, problems);
    planRules = new PlanRules(sourceMap, problems, java.time.Clock.systemUTC());
  }

  void check(Catalogue c, Organization org) {
    c.policies().forEach((name, policy) -> {
      PolicyExtension extension = policy.extension();
      if (policy.plans().isEmpty() && extension == null) {
        error("BC134", key("policies", name), "policy '" + name + "' carries no plans and extends no policy",
            "list plans under 'plans', or change a higher policy's plans under 'extends'");
      }
      if (extension == null) {
        return;
      }
      JsonPointer at = ptr("policies", name, "extends");
      Policy parent = c.policies().get(extension.policy());
      if (extension.policy().equals(name) || parent == null) {
        known(extension.policy(), without(c.policies().keySet(), name), "policy", at.appendProperty("policy"));
        return;
      }
      if (extension.plans().isEmpty()) {
        error("BC133", sourceMap.key(at.appendProperty("plans")), "'extends' changes no plan", "name a plan of policy '"
            + extension.policy() + "' and what changes in it, or remove 'extends'");
      }
      extension.plans().forEach((planName, change) -> {
        JsonPointer p = at.appendProperty("plans").appendProperty(planName);
        if (!known(planName, parent.plans(), "plan of policy '" + extension.policy() + "'", p, true)) {
          return;
        }
        if (policy.plans().contains(planName)) {
          error("BC134", sourceMap.key(p), "policy '" + name + "' both carries and extends plan '" + planName + "'",
              "carry the plan in one policy and change it in the other");
        }
        if (c.plans().containsKey(planName)) {
          check(c, c.plans().get(planName), change, p);
        }
      });
      reach(c, org, name, policy, extension, at.appendProperty("policy"));
    });
  }

  private void check(Catalogue c, Plan plan, PlanChange change, JsonPointer p) {
    if (change == null || change.changesNothing()) {
      error("BC133", sourceMap.key(p), "the change to plan '" + p.last().getMatchingProperty() + "' changes nothing",
          "write what changes (regions, rules, add_selections), or remove the plan from 'extends'");
      return;
    }
    if (change.regions() != null) {
      listChange(change.regions(), p.appendProperty("regions"));
      if (change.apply(plan.regions()).isEmpty()) {
        error("BC133", sourceMap.key(p.appendProperty("regions")), "the change leaves plan '" + p.last().getMatchingProperty()
            + "' with no region", "keep at least one region");
        return;
      }
      ListChange r = change.regions();
      checkRegions(r.override() != null ? r.override() : List.of(), p.appendProperty("regions").appendProperty("override"));
      checkRegions(r.append(), p.appendProperty("regions").appendProperty("append"));
    }
    change.rules().forEach((ruleName, rule) -> {
      JsonPointer r = p.appendProperty("rules").appendProperty(ruleName);
      if (rule == null) {
        error("BC133", sourceMap.key(r), "the change to rule '" + ruleName + "' changes nothing", "write what changes, or remove the rule");
        return;
      }
      if (!known(ruleName, plan.rules().keySet(), "rule of plan '" + p.last().getMatchingProperty() + "'", r, true)) {
        return;
      }
      if (rule.vault() != null) {
        known(rule.vault(), c.vaults().keySet(), "vault", r.appendProperty("vault"));
      }
      if (rule.lifecycle() != null) {
        Lifecycle changed = rule.lifecycle().apply(plan.rules().get(ruleName).lifecycle());
        if (changed.deleteAfterDays() != null && changed.coldStorageAfterDays() != null
            && changed.deleteAfterDays() < changed.coldStorageAfterDays() + 90) {
          error("BC135", sourceMap.key(r.appendProperty("lifecycle")), "with the change, recovery points of rule '" + ruleName
              + "' are deleted after " + changed.deleteAfterDays() + " days but move to cold storage after "
              + changed.coldStorageAfterDays() + "; AWS needs 90 days in cold storage",
              "keep them at least " + (changed.coldStorageAfterDays() + 90) + " days, or change cold_storage_after_days too");
        }
      }
      checkAgainstLocks(c, plan.rules().get(ruleName), ruleName, rule, r);
      for (int i = 0; i < rule.addCopies().size(); i++) {
        if (rule.addCopies().get(i) == null || rule.addCopies().get(i).vault() == null) {
          continue;
        }
        JsonPointer v = r.appendProperty("add_copies").appendIndex(i).appendProperty("vault");
        if (known(rule.addCopies().get(i).vault(), c.vaults().keySet(), "vault", v)
            && c.vaults().get(rule.addCopies().get(i).vault()).location() == io.github.backupcatalogue.catalogue.VaultLocation.CENTRAL_ACCOUNT
            && (c.organization().centralBackupAccount() == null
                || !c.organization().accounts().containsKey(c.organization().centralBackupAccount()))) {
          error("BC131", sourceMap.value(v), "vault '" + rule.addCopies().get(i).vault()
              + "' is a central vault, but the organization names no central_backup_account",
              "set organization.central_backup_account, or copy to a member vault");
        }
      }
    });
    change.addSelections().forEach((selection, s) -> {
      if (s == null) {
        error("BC133", sourceMap.key(p.appendProperty("add_selections").appendProperty(selection)),
            "the added selection '" + selection + "' selects nothing", "write resource_types or tag");
        return;
      }
      planRules.checkSelection(selection, s, p.appendProperty("add_selections").appendProperty(selection));
      if (plan.selections().containsKey(selection)) {
        error("BC133", sourceMap.key(p.appendProperty("add_selections").appendProperty(selection)), "plan '"
            + p.last().getMatchingProperty() + "' already has a selection '" + selection + "'",
            "give the added selection another name");
      }
    });
  }

  /**
   * The changed rule's retention against its (possibly changed) vault's lock, and each added copy's
   * against its destination's (BC214): AWS would fail every job of the accounts the policy reaches.
   * Added copies keep their own lifecycle or the changed rule's, as the generated policy writes them.
   */
  private void checkAgainstLocks(Catalogue c, Rule base, String ruleName, RuleChange change, JsonPointer r) {
    Lifecycle lifecycle = change.lifecycle() != null ? change.lifecycle().apply(base.lifecycle()) : base.lifecycle();
    String vaultName = change.vault() != null ? change.vault() : base.vault();
    Vault vault = c.vaults().get(vaultName);
    if (vault != null && (change.lifecycle() != null || change.vault() != null)) {
      JsonPointer at = change.lifecycle() != null && change.lifecycle().deleteAfterDays() != null
          ? r.appendProperty("lifecycle") : r.appendProperty("vault");
      planRules.checkRetentionAgainstLock(lifecycle, base.continuousBackup(), vaultName, vault, at,
          "with the change, recovery points of rule '" + ruleName + "'");
    }
    for (int i = 0; i < change.addCopies().size(); i++) {
      CopyAction copy = change.addCopies().get(i);
      Vault destination = copy == null ? null : c.vaults().get(copy.vault());
      if (destination == null) {
        continue;
      }
      JsonPointer cp = r.appendProperty("add_copies").appendIndex(i);
      planRules.checkRetentionAgainstLock(copy.lifecycle() != null ? copy.lifecycle() : lifecycle, false, copy.vault(), destination,
          copy.lifecycle() != null ? cp.appendProperty("lifecycle") : cp.appendProperty("vault"),
          "copies added to rule '" + ruleName + "'");
    }
  }

  private void listChange(ListChange change, JsonPointer p) {
    if (change.changesNothing()) {
      error("BC133", sourceMap.key(p), "the list change writes none of override, append, remove", "write one of them");
    } else if (change.override() != null && !(change.append().isEmpty() && change.remove().isEmpty())) {
      error("BC133", sourceMap.key(p), "override replaces the whole list, so it cannot go with append or remove",
          "write the list you want under override alone, or use append and remove");
    }
  }

  /** Every account the layered policy reaches must receive the extended policy from a higher level. */
  private void reach(Catalogue c, Organization org, String name, Policy policy, PolicyExtension extension, JsonPointer at) {
    SortedSet<String> missing = new TreeSet<>();
    for (String account : Scope.reachedAccounts(org, policy)) {
      List<List<String>> levels = EffectivePolicies.policyLevels(c, account);
      int mine = -1;
      int parents = -1;
      for (int i = 0; i < levels.size(); i++) {
        if (levels.get(i).contains(name)) {
          mine = i;
        }
        if (levels.get(i).contains(extension.policy()) && parents < 0) {
          parents = i;
        }
      }
      if (parents < 0 || parents >= mine) {
        missing.add(account);
      }
    }
    if (!missing.isEmpty()) {
      error("BC132", sourceMap.value(at), "policy '" + extension.policy() + "' does not reach " + String.join(", ", missing)
          + " from higher up the tree than policy '" + name + "', so there is nothing to change there",
          "attach '" + name + "' below where '" + extension.policy() + "' is attached (an OU under it, or an account in it)");
    }
  }

  /**
   * Runs AWS's inheritance over the generated policies of every account: a change the parent's
   * child_policies does not allow is ignored by AWS, so it is an error at the line that tries it.
   */
  void checkEffective(Catalogue c) {
    Set<String> reported = new HashSet<>();
    for (EffectiveAccountPolicy account : EffectivePolicies.of(c).values()) {
      for (Finding finding : account.findings()) {
        Policy policy = c.policies().get(finding.policy());
        if (policy == null) {
          continue;
        }
        String plan = JsonPointer.compile(finding.path()).tail().getMatchingProperty();
        boolean fromExtension = policy.extension() != null && policy.extension().plans().containsKey(plan);
        String pointer = fromExtension
            ? EffectivePolicies.extensionPointer(c, finding.policy(), finding.path())
            : "/policies/" + finding.policy() + "/plans/" + Math.max(0, policy.plans().indexOf(plan));
        String parent = finding.forbiddenBy() == null ? "" : finding.forbiddenBy();
        if (!fromExtension) {
          // The same plan carried again lower down: AWS ignores the copy (same values, so no harm).
          if (reported.add(pointer)) {
            warning("BC340", sourceMap.value(JsonPointer.compile(pointer)), "plan '" + plan + "' is also carried by policy '"
                + parent + "' higher up, which allows no changes to it, so AWS ignores this policy's copy of it in "
                + account.account(), "carry the plan in one policy; change it lower down with 'extends'");
          }
          continue;
        }
        if (!reported.add(pointer + "|" + finding.path())) {
          continue;
        }
        String word = word(finding.operator());
        String allowed = parent.isEmpty() || !c.policies().containsKey(parent) ? ""
            : " (its child_policies: " + c.policies().get(parent).childPolicies() + ")";
        error("BC130", sourceMap.key(JsonPointer.compile(pointer)), "policy '" + finding.policy() + "' changes "
            + finding.path().substring(1).replace('/', '.') + " with " + word + ", which policy '" + parent
            + "' does not allow" + allowed + "; AWS would ignore the change in " + account.account(),
            "add " + word + " to child_policies of '" + parent + "', or drop this change");
      }
    }
  }

  private static String word(String operator) {
    if (EffectivePolicyEngine.ASSIGN.equals(operator)) {
      return "override";
    }
    if (EffectivePolicyEngine.REMOVE.equals(operator)) {
      return "remove";
    }
    return "append";
  }

  private boolean known(String name, Collection<String> known, String kind, JsonPointer p) {
    return known(name, known, kind, p, false);
  }

  /** Reports a name that resolves to nothing (at the key when the name is a key); true when it resolves. */
  private boolean known(String name, Collection<String> known, String kind, JsonPointer p, boolean atKey) {
    if (known.contains(name)) {
      return true;
    }
    String suggestion = io.github.backupcatalogue.load.Suggestions.closest(name, known).map(s -> "; did you mean '" + s + "'?").orElse("");
    error("BC131", atKey ? sourceMap.key(p) : sourceMap.value(p), "unknown " + kind + " '" + name + "'" + suggestion,
        known.isEmpty() ? "none is defined" : "defined: " + String.join(", ", known));
    return false;
  }

  private static List<String> without(Collection<String> names, String name) {
    List<String> out = new ArrayList<>(names);
    out.remove(name);
    return out;
  }
}
