package io.github.backupcatalogue.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.CopyAction;
import io.github.backupcatalogue.catalogue.Lifecycle;
import io.github.backupcatalogue.catalogue.Plan;
import io.github.backupcatalogue.catalogue.Rule;
import io.github.backupcatalogue.plan.Model.Backend;
import io.github.backupcatalogue.plan.Model.Module;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Each module's {@value #FILE}: what the module manages and protects, as data. It is written next to
 * the module's Terraform so that the next run can say in words what a catalogue change does to each
 * account (plans gained or lost, schedules, retention, cold storage, copy targets, locks, who may copy
 * in) by comparing data, not Terraform text; and so that a module that leaves the catalogue can be
 * replaced by a stub that keeps exactly its vaults, keys and locks ({@code kept_on_decommission}).
 *
 * <p>Plans reach a member account through organization backup policies, so its plans are the
 * catalogue's plans the policies attached above the account deliver, in the regions the account uses.
 */
public final class ModuleSummaries {

  /** The summary's file name in each module directory. */
  public static final String FILE = "module-summary.json";

  /** The summary format; a reader ignores summaries of other formats. */
  public static final int FORMAT = 1;

  private ModuleSummaries() {}

  static Map<String, String> of(Catalogue c, Scope scope, List<Module> modules, Backend backend) {
    Map<String, String> summaries = new LinkedHashMap<>();
    for (Module m : modules) {
      summaries.put(m.path(), Json.pretty(summary(c, scope, m, backend)) + "\n");
    }
    return summaries;
  }

  private static ObjectNode summary(Catalogue c, Scope scope, Module m, Backend backend) {
    ObjectNode root = Json.object();
    root.put("format", FORMAT);
    root.put("module", m.path());
    root.put("status", "live");
    root.put("account_name", m.accountName());
    root.put("account_id", m.accountId());
    root.put("home_region", m.providers().homeRegion());
    root.put("assumes_role", m.providers().assumeRoleArn() != null);
    root.put("state", backend == null ? "local terraform.tfstate"
        : "s3://" + backend.bucket() + "/" + backend.keys().get(m.path()));
    ObjectNode plans = root.putObject("plans");
    if (m.path().startsWith("accounts/")) {
      Set<String> received = scope.plansByAccount().getOrDefault(m.accountName(), Set.of());
      for (String planName : new TreeSet<>(received)) {
        Plan plan = c.plans().get(planName);
        List<String> regions = new ArrayList<>();
        for (String region : plan.regions()) {
          boolean skipped = scope.skippedRegions().stream()
              .anyMatch(s -> s.account().equals(m.accountName()) && s.plan().equals(planName) && s.region().equals(region));
          if (!skipped) {
            regions.add(region);
          }
        }
        if (!regions.isEmpty()) {
          plans.set(planName, plan(c, plan, regions));
        }
      }
    }
    ObjectNode vaults = root.putObject("vaults");
    for (Model.Vault v : m.vaults()) {
      ObjectNode vault = vaults.putObject(v.name() + " in " + v.region());
      vault.put("key", v.keyResource() != null ? "customer-managed key created here" : v.keyArn() != null ? v.keyArn()
          : v.airGapped() != null ? "AWS owned key" : "AWS managed key");
      if (v.airGapped() != null) {
        ObjectNode lock = vault.putObject("lock");
        lock.put("mode", "compliance (logically air-gapped)");
        putNumber(lock, "min_retention_days", v.airGapped().minRetentionDays());
        putNumber(lock, "max_retention_days", v.airGapped().maxRetentionDays());
        lock.putNull("changeable_for_days");
      } else if (v.lock() == null) {
        vault.putNull("lock");
      } else {
        ObjectNode lock = vault.putObject("lock");
        lock.put("mode", v.lock().mode());
        putNumber(lock, "min_retention_days", v.lock().minRetentionDays());
        putNumber(lock, "max_retention_days", v.lock().maxRetentionDays());
        putNumber(lock, "changeable_for_days", v.lock().changeableForDays());
      }
      List<String> copyIn = new ArrayList<>(v.copiesFrom());
      if (v.restoresFrom() != null) {
        copyIn.add(v.restoresFrom() + " (copies back for restores)");
      }
      vault.set("may_copy_in", Json.array(copyIn));
    }
    ObjectNode policies = root.putObject("policies");
    for (Model.OrgPolicy p : m.policies()) {
      ObjectNode policy = policies.putObject(p.name());
      policy.set("plans", Json.array(c.policies().get(p.name()).plans()));
      policy.set("attached_to", Json.array(p.attachments().stream().map(a -> a.targetKind() + " " + a.targetName()).toList()));
    }
    root.set("kept_on_decommission", Json.array(kept(m)));
    return root;
  }

  /** The addresses a decommission forgets instead of destroying: keys, vaults, their locks and access policies. */
  static List<String> kept(Module m) {
    List<String> kept = new ArrayList<>();
    for (Model.Key k : m.keys()) {
      kept.add("aws_kms_key." + k.resourceName());
      kept.add("aws_kms_alias." + k.resourceName());
    }
    for (Model.Vault v : m.vaults()) {
      kept.add(v.address());
      if (v.lock() != null) {
        kept.add("aws_backup_vault_lock_configuration." + v.resourceName());
      }
      if (v.accessPolicy() != null) {
        kept.add("aws_backup_vault_policy." + v.resourceName());
      }
    }
    return kept;
  }

  private static ObjectNode plan(Catalogue c, Plan plan, List<String> regions) {
    ObjectNode node = Json.object();
    node.set("regions", Json.array(regions));
    ObjectNode rules = node.putObject("rules");
    for (Map.Entry<String, Rule> e : new TreeMap<>(plan.rules()).entrySet()) {
      Rule rule = e.getValue();
      ObjectNode r = rules.putObject(e.getKey());
      r.put("schedule", rule.schedule());
      r.put("timezone", rule.timezone() == null ? "UTC" : rule.timezone());
      r.put("vault", rule.vault());
      r.put("continuous_backup", rule.continuousBackup());
      lifecycle(r, rule.lifecycle());
      ArrayNode copies = r.putArray("copies");
      for (CopyAction copy : rule.copyTo()) {
        ObjectNode to = copies.addObject();
        boolean central = c.vaults().get(copy.vault()).location() == io.github.backupcatalogue.catalogue.VaultLocation.CENTRAL_ACCOUNT;
        to.put("to", copy.vault() + (central && c.organization() != null && c.organization().centralBackupAccount() != null
            ? " in account " + c.organization().centralBackupAccount() : "")
            + (copy.region() == null ? " (same region)" : " in " + copy.region()));
        lifecycle(to, copy.lifecycle() != null ? copy.lifecycle() : rule.lifecycle());
      }
    }
    return node;
  }

  private static void lifecycle(ObjectNode node, Lifecycle l) {
    putNumber(node, "delete_after_days", l.deleteAfterDays());
    putNumber(node, "cold_storage_after_days", l.coldStorageAfterDays());
    node.put("archive", l.optInToArchive());
  }

  private static void putNumber(ObjectNode node, String key, Integer value) {
    if (value == null) {
      node.putNull(key);
    } else {
      node.put(key, value);
    }
  }
}
