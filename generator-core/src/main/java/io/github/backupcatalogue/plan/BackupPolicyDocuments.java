package io.github.backupcatalogue.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.Conditions;
import io.github.backupcatalogue.catalogue.CopyAction;
import io.github.backupcatalogue.catalogue.Lifecycle;
import io.github.backupcatalogue.catalogue.LifecycleChange;
import io.github.backupcatalogue.catalogue.PlanChange;
import io.github.backupcatalogue.catalogue.Selection;
import io.github.backupcatalogue.catalogue.Plan;
import io.github.backupcatalogue.catalogue.Policy;
import io.github.backupcatalogue.catalogue.Rule;
import io.github.backupcatalogue.validate.ResourceTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * AWS Organizations BACKUP_POLICY documents in AWS's policy syntax: every leaf under
 * {@code @@assign}, numbers as strings (as AWS's examples), {@code $account} in the role and
 * same-account vault ARNs, copy actions keyed by their destination vault ARN.
 */
public final class BackupPolicyDocuments {

  /** The one malware scanner AWS Backup offers (ScanAction, ScanSetting: "Currently only GUARDDUTY is supported"). */
  static final String MALWARE_SCANNER = "GUARDDUTY";

  private BackupPolicyDocuments() {}

  /** The policy document for the named policy of a valid catalogue. */
  public static ObjectNode document(Catalogue catalogue, String policyName) {
    Policy policy = catalogue.policies().get(policyName);
    // Nothing is below an account: a policy attached only to accounts needs no child control operators.
    boolean onlyAccounts = !policy.attachTo().root() && policy.attachTo().organizationalUnits().isEmpty();
    ObjectNode document = plansDocument(catalogue, policy.plans(), onlyAccounts ? List.of("all") : policy.childPolicies());
    if (policy.extension() != null) {
      ObjectNode plans = (ObjectNode) document.get("plans");
      policy.extension().plans().forEach((planName, change) ->
          plans.set(planName, planChange(catalogue, catalogue.plans().get(planName), change)));
    }
    return document;
  }

  /**
   * A layered policy's changes to an inherited plan, in AWS's operators: overrides as
   * {@code @@assign}, list changes as {@code @@assign}/{@code @@append}/{@code @@remove}, added
   * copies and selections as new keys.
   */
  private static ObjectNode planChange(Catalogue c, Plan plan, PlanChange change) {
    ObjectNode node = Json.object();
    if (change.regions() != null) {
      ObjectNode regions = Json.object();
      if (change.regions().override() != null) {
        regions.set("@@assign", Json.array(change.regions().override()));
      }
      if (!change.regions().append().isEmpty()) {
        regions.set("@@append", Json.array(change.regions().append()));
      }
      if (!change.regions().remove().isEmpty()) {
        regions.set("@@remove", Json.array(change.regions().remove()));
      }
      node.set("regions", regions);
    }
    if (!change.rules().isEmpty()) {
      ObjectNode rules = Json.object();
      List<String> regions = change.apply(plan.regions());
      change.rules().forEach((ruleName, ruleChange) -> {
        Rule rule = plan.rules().get(ruleName);
        ObjectNode r = Json.object();
        if (ruleChange.schedule() != null) {
          r.set("schedule_expression", assign(ruleChange.schedule()));
        }
        if (ruleChange.startWindowMinutes() != null) {
          r.set("start_backup_window_minutes", assign(Integer.toString(ruleChange.startWindowMinutes())));
        }
        if (ruleChange.completionWindowMinutes() != null) {
          r.set("complete_backup_window_minutes", assign(Integer.toString(ruleChange.completionWindowMinutes())));
        }
        if (ruleChange.lifecycle() != null) {
          LifecycleChange l = ruleChange.lifecycle();
          ObjectNode lifecycle = Json.object();
          if (l.coldStorageAfterDays() != null) {
            lifecycle.set("move_to_cold_storage_after_days", assign(Integer.toString(l.coldStorageAfterDays())));
          }
          if (l.deleteAfterDays() != null) {
            lifecycle.set("delete_after_days", assign(Integer.toString(l.deleteAfterDays())));
          }
          if (l.optInToArchive() != null) {
            lifecycle.set("opt_in_to_archive_for_supported_resources", assign(Boolean.toString(l.optInToArchive())));
          }
          r.set("lifecycle", lifecycle);
        }
        if (ruleChange.vault() != null) {
          r.set("target_backup_vault_name", assign(ruleChange.vault()));
        }
        if (!ruleChange.addCopies().isEmpty()) {
          Lifecycle ruleLifecycle = ruleChange.lifecycle() != null ? ruleChange.lifecycle().apply(rule.lifecycle()) : rule.lifecycle();
          ObjectNode copies = Json.object();
          for (CopyAction copy : ruleChange.addCopies()) {
            copies.set(VaultArns.copyDestination(c, copy, regions.get(0)), copyAction(c, copy, regions.get(0), ruleLifecycle));
          }
          r.set("copy_actions", copies);
        }
        rules.set(ruleName, r);
      });
      node.set("rules", rules);
    }
    if (!change.addSelections().isEmpty()) {
      ObjectNode resources = Json.object();
      change.addSelections().forEach((name, selection) -> selection(c, name, selection, resources));
      node.set("selections", selectionGroups(resources));
    }
    return node;
  }

  /** A policy document carrying the named plans, with the given child-policy permissions. */
  public static ObjectNode plansDocument(Catalogue catalogue, List<String> planNames, List<String> childPolicies) {
    ObjectNode plans = Json.object();
    for (String planName : planNames) {
      plans.set(planName, plan(catalogue, planName, catalogue.plans().get(planName), childPolicies));
    }
    ObjectNode document = Json.object();
    document.set("plans", plans);
    return document;
  }

  private static ObjectNode plan(Catalogue c, String planName, Plan plan, List<String> childPolicies) {
    ObjectNode node = unrestrictedPlan(c, planName, plan);
    return childPolicies.equals(List.of("all")) ? node : restricted(node, Json.array(childOperators(childPolicies)));
  }

  /**
   * The node with {@code @@operators_allowed_for_child_policies} first in it and in every object
   * below it: AWS applies the child control operator only where it is written (on an object it
   * governs adding keys, on a value changing it), so a plan is locked by writing it everywhere, as
   * AWS's "A parent policy prevents any changes by a child policy" example does.
   */
  private static ObjectNode restricted(ObjectNode node, com.fasterxml.jackson.databind.node.ArrayNode operators) {
    ObjectNode out = Json.object();
    out.set("@@operators_allowed_for_child_policies", operators.deepCopy());
    node.fields().forEachRemaining(e -> out.set(e.getKey(),
        e.getValue() instanceof ObjectNode child ? restricted(child, operators) : e.getValue()));
    return out;
  }

  private static ObjectNode unrestrictedPlan(Catalogue c, String planName, Plan plan) {
    ObjectNode node = Json.object();
    node.set("regions", assign(Json.array(plan.regions())));
    ObjectNode rules = Json.object();
    plan.rules().forEach((ruleName, rule) -> rules.set(ruleName, rule(c, plan, rule)));
    node.set("rules", rules);
    node.set("selections", selections(c, planName, plan));
    if (plan.advancedSettings().windowsVss()) {
      ObjectNode vss = Json.object();
      vss.set("windows_vss", assign("enabled"));
      ObjectNode advanced = Json.object();
      advanced.set("ec2", vss);
      node.set("advanced_backup_settings", advanced);
    }
    if (!plan.tags().isEmpty()) {
      node.set("backup_plan_tags", tags(plan.tags()));
    }
    if (plan.malwareScanning() != null) {
      // keyed by the malware scanner, as AWS's Example 8 ("Backup plan with Amazon GuardDuty Malware Protection scanning")
      ObjectNode guardDuty = Json.object();
      guardDuty.set("resource_types", assign(Json.array(plan.malwareScanning().resourceTypes())));
      guardDuty.set("scanner_role_arn", assign(Planner.malwareScannerRoleArn(c, "$account")));
      ObjectNode settings = Json.object();
      settings.set(MALWARE_SCANNER, guardDuty);
      node.set("scan_settings", settings);
    }
    return node;
  }

  private static List<String> childOperators(List<String> words) {
    List<String> operators = new ArrayList<>();
    for (String word : words) {
      operators.add(switch (word) {
        case "none" -> "@@none";
        case "override" -> "@@assign";
        case "append" -> "@@append";
        case "remove" -> "@@remove";
        default -> "@@all";
      });
    }
    return operators;
  }

  private static ObjectNode rule(Catalogue c, Plan plan, Rule rule) {
    ObjectNode node = Json.object();
    node.set("schedule_expression", assign(rule.schedule()));
    node.set("start_backup_window_minutes", assign(Integer.toString(rule.startWindowMinutes())));
    node.set("complete_backup_window_minutes", assign(Integer.toString(rule.completionWindowMinutes())));
    if (rule.continuousBackup()) {
      ObjectNode on = Json.object();
      on.put("@@assign", true);
      node.set("enable_continuous_backup", on);
    }
    node.set("lifecycle", lifecycle(rule.lifecycle()));
    node.set("target_backup_vault_name", assign(rule.vault()));
    if (!rule.copyTo().isEmpty()) {
      ObjectNode copies = Json.object();
      for (CopyAction copy : rule.copyTo()) {
        copies.set(VaultArns.copyDestination(c, copy, plan.regions().get(0)), copyAction(c, copy, plan.regions().get(0), rule.lifecycle()));
      }
      node.set("copy_actions", copies);
    }
    if (!rule.recoveryPointTags().isEmpty()) {
      node.set("recovery_point_tags", tags(rule.recoveryPointTags()));
    }
    if (!rule.indexResourceTypes().isEmpty()) {
      ObjectNode index = Json.object();
      index.set("resource_types", assign(Json.array(rule.indexResourceTypes())));
      node.set("index_actions", index);
    }
    if (rule.malwareScan() != null) {
      ObjectNode mode = Json.object();
      mode.set("scan_mode", assign(rule.malwareScan().aws()));
      ObjectNode actions = Json.object();
      actions.set(MALWARE_SCANNER, mode);
      node.set("scan_actions", actions);
    }
    return node;
  }

  private static ObjectNode copyAction(Catalogue c, CopyAction copy, String firstRegion, Lifecycle ruleLifecycle) {
    ObjectNode action = Json.object();
    action.set("target_backup_vault_arn", assign(VaultArns.copyDestination(c, copy, firstRegion)));
    action.set("lifecycle", lifecycle(copy.lifecycle() != null ? copy.lifecycle() : ruleLifecycle));
    return action;
  }

  private static ObjectNode lifecycle(Lifecycle lifecycle) {
    ObjectNode node = Json.object();
    if (lifecycle.coldStorageAfterDays() != null) {
      node.set("move_to_cold_storage_after_days", assign(Integer.toString(lifecycle.coldStorageAfterDays())));
    }
    node.set("delete_after_days", assign(Integer.toString(lifecycle.deleteAfterDays())));
    node.set("opt_in_to_archive_for_supported_resources", assign(Boolean.toString(lifecycle.optInToArchive())));
    return node;
  }

  /**
   * A selection in the {@code resources} form, also where the catalogue selects by tag: "There are
   * two mutually exclusive elements: tags and resources ... If you want a selection with both tag
   * conditions and resource conditions, use the resources keys" (Organizations, "Backup policy syntax
   * and examples"). A plan with both would be an effective policy AWS may not turn into a backup
   * plan, and a layered policy may add either kind, so every selection is written as resources: a tag
   * becomes a string_equals condition on all resource types, one selection per value (conditions AND).
   */
  private static void selection(Catalogue c, String name, Selection selection, ObjectNode resources) {
    String role = c.roleOf(selection).arn("$account");
    if (selection.tag() != null) {
      byTag(resources, name, role, selection.tag().key(), selection.tag().allValues(), selection.conditions());
      return;
    }
    ObjectNode node = Json.object();
    node.set("iam_role_arn", assign(role));
    node.set("resource_types", assign(Json.array(arns(selection.resourceTypes()))));
    if (!selection.excludeResources().isEmpty()) {
      node.set("not_resource_types", assign(Json.array(arns(selection.excludeResources()))));
    }
    conditions(node, selection.conditions(), null, null);
    resources.set(name, node);
  }

  /** Resources tagged {@code key} with any of {@code values}: one selection per value. */
  private static void byTag(ObjectNode resources, String name, String role, String key, List<String> values, Conditions conditions) {
    for (int i = 0; i < values.size(); i++) {
      ObjectNode node = Json.object();
      node.set("iam_role_arn", assign(role));
      node.set("resource_types", assign(Json.array(List.of("*"))));
      conditions(node, conditions, key, values.get(i));
      resources.set(values.size() == 1 ? name : perValueName(name, values, i), node);
    }
  }

  /** {@code name-value} where the value is a valid, distinct selection name part; else {@code name-<n>}. */
  static String perValueName(String name, List<String> values, int i) {
    String candidate = name + "-" + values.get(i);
    boolean distinct = values.stream().filter(v -> v.equalsIgnoreCase(values.get(i))).count() == 1;
    return distinct && candidate.length() <= 50 && candidate.matches("[A-Za-z0-9_.-]+") ? candidate : name + "-" + (i + 1);
  }

  private static ObjectNode selectionGroups(ObjectNode resources) {
    ObjectNode selections = Json.object();
    if (!resources.isEmpty()) {
      selections.set("resources", resources);
    }
    return selections;
  }

  private static ObjectNode selections(Catalogue c, String planName, Plan plan) {
    ObjectNode resources = Json.object();
    plan.selections().forEach((name, selection) -> selection(c, name, selection, resources));
    List<String> classified = Classification.valuesFor(c, planName);
    if (!classified.isEmpty()) {
      byTag(resources, Classification.SELECTION_NAME, c.backupRole().arn("$account"), c.dataClassification().tagKey(),
          classified, new Conditions(Map.of(), Map.of(), Map.of(), Map.of()));
    }
    return selectionGroups(resources);
  }

  /**
   * The selection's conditions, after the tag it selects by ({@code tagKey = tagValue}) when there
   * is one (validation refuses a tag_equals condition on that same key, BC247).
   */
  private static void conditions(ObjectNode selection, Conditions conditions, String tagKey, String tagValue) {
    Map<String, String> equals = new java.util.LinkedHashMap<>();
    if (tagKey != null) {
      equals.put(tagKey, tagValue);
    }
    conditions.tagEquals().forEach(equals::putIfAbsent);
    if (equals.isEmpty() && conditions.count() == 0) {
      return;
    }
    ObjectNode node = Json.object();
    condition(node, "string_equals", equals);
    condition(node, "string_not_equals", conditions.tagNotEquals());
    condition(node, "string_like", conditions.tagLike());
    condition(node, "string_not_like", conditions.tagNotLike());
    selection.set("conditions", node);
  }

  private static void condition(ObjectNode conditions, String operator, Map<String, String> byTag) {
    if (byTag.isEmpty()) {
      return;
    }
    ObjectNode named = Json.object();
    byTag.forEach((tagKey, value) -> {
      ObjectNode condition = Json.object();
      condition.set("condition_key", assign("aws:ResourceTag/" + tagKey));
      condition.set("condition_value", assign(value));
      named.set(tagKey, condition);
    });
    conditions.set(operator, named);
  }

  static List<String> arns(List<String> types) {
    return types.stream().map(t -> ResourceTypes.arnPattern(t).orElseThrow()).distinct().toList();
  }

  private static ObjectNode tags(Map<String, String> tags) {
    ObjectNode node = Json.object();
    tags.forEach((key, value) -> {
      ObjectNode tag = Json.object();
      tag.set("tag_key", assign(key));
      tag.set("tag_value", assign(value));
      node.set(key, tag);
    });
    return node;
  }

  private static ObjectNode assign(String value) {
    ObjectNode node = Json.object();
    node.put("@@assign", value);
    return node;
  }

  private static ObjectNode assign(com.fasterxml.jackson.databind.JsonNode value) {
    ObjectNode node = Json.object();
    node.set("@@assign", value);
    return node;
  }
}
