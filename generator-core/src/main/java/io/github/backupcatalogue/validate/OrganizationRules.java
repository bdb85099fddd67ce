package io.github.backupcatalogue.validate;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.backupcatalogue.catalogue.Account;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.CopyAction;
import io.github.backupcatalogue.catalogue.Organization;
import io.github.backupcatalogue.catalogue.Plan;
import io.github.backupcatalogue.catalogue.PolicyManagement;
import io.github.backupcatalogue.catalogue.PolicyStatement;
import io.github.backupcatalogue.catalogue.Selection;
import io.github.backupcatalogue.catalogue.VaultLocation;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.Severity;
import io.github.backupcatalogue.load.SourceMap;
import io.github.backupcatalogue.plan.Scope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Rules about what an organization must have for the first apply to succeed and for no account to
 * be silently unprotected: accounts deliberately excluded, the baseline StackSet, the resource
 * policy's own statements, the keys that cross-account copies need shared, and the parts of a plan
 * AWS's backup-policy syntax cannot carry. Each rule's code, message and hint are here together.
 */
final class OrganizationRules extends RuleSupport {

  private static final Pattern SID = Pattern.compile("[A-Za-z0-9]{1,128}");
  private static final Pattern KMS_KEY_ARN = Pattern.compile("arn:aws:kms:([a-z0-9-]+):(\\d{12}):key/[0-9a-zA-Z-]+");
  /** Sids of the generated Organizations resource policy, which the catalogue's statements may not reuse. */
  private static final Set<String> GENERATED_SIDS = Set.of("AllowReadingTheOrganizationStructure", "AllowReadingBackupPolicies",
      "AllowBackupPolicyCreation", "AllowBackupPolicyModification", "AllowTaggingBackupPolicies",
      "AllowBackupPolicyAttachmentAndDetachment");
  /** Types with continuous backup and point-in-time restore ("Point-in-time recovery", AWS Backup developer guide). */
  private static final Set<String> CONTINUOUS_TYPES = Set.of("RDS", "Aurora", "S3");

  OrganizationRules(SourceMap sourceMap) {
    super(sourceMap, new ArrayList<>());
  }

  /** Rules that need valid references are run by the caller only when there are no errors yet. */
  List<Diagnostic> check(Catalogue c) {
    int before = problems.size();
    checkPlans(c);
    Organization org = c.organization();
    if (org != null) {
      checkExcluded(org);
      checkResourcePolicyStatements(org);
      checkResourceKeys(org);
      checkBaseline(c, org);
    }
    return List.copyOf(problems.subList(before, problems.size()));
  }

  /** Rules over the scope (which accounts receive which plans); need a catalogue without errors. */
  List<Diagnostic> checkScope(Catalogue c, Scope scope) {
    int before = problems.size();
    if (c.organization() != null && c.organization().centralBackupAccount() != null) {
      checkCrossAccountKeys(c, scope);
    }
    return List.copyOf(problems.subList(before, problems.size()));
  }

  // ------------------------------------------------------------ plans

  private void checkPlans(Catalogue c) {
    c.plans().forEach((planName, plan) -> plan.rules().forEach((ruleName, rule) -> {
      JsonPointer p = ptr("plans", planName, "rules", ruleName);
      if (rule.timezone() != null && c.organization() != null) {
        // "Backup policy syntax and examples" (Organizations user guide): schedule_expression is
        // "Cron expression in UTC"; the rule keys include no time zone.
        error("BC245", sourceMap.value(p.appendProperty("timezone")), "an organization backup policy has no time zone: "
            + "AWS runs '" + rule.schedule() + "' in UTC", "express the schedule in UTC and remove 'timezone' (it is kept "
            + "for single-account catalogues, whose backup plans support it)");
      }
      for (int i = 0; i < rule.copyTo().size(); i++) {
        checkCrossRegionAndAccount(c, planName, plan, rule.copyTo().get(i), p.appendProperty("copy_to").appendIndex(i));
      }
      if (rule.continuousBackup()) {
        SortedSet<String> others = new TreeSet<>(ResourceTypes.selectedTypes(selected(c, planName, plan)));
        others.removeAll(CONTINUOUS_TYPES);
        if (!others.isEmpty()) {
          warning("BC306", sourceMap.value(p.appendProperty("continuous_backup")), "continuous backup (point-in-time "
              + "restore) exists for RDS, Aurora, S3 and SAP HANA only; plan '" + planName + "' also selects "
              + String.join(", ", others) + ", which get a snapshot at every run instead, at snapshot prices",
              "put the other types in a plan of their own with a snapshot rule, or check the schedule's frequency");
        }
      }
    }));
  }

  /**
   * RDS, Aurora, DocumentDB and Neptune cannot be copied across a Region and an account in one copy
   * action (AWS Backup feature availability): such copies would fail on every run.
   */
  private void checkCrossRegionAndAccount(Catalogue c, String planName, Plan plan, CopyAction copy, JsonPointer cp) {
    var destination = c.vaults().get(copy.vault());
    if (destination == null || destination.location() != VaultLocation.CENTRAL_ACCOUNT || copy.region() == null) {
      return;
    }
    List<String> otherRegions = plan.regions().stream().filter(r -> !r.equals(copy.region())).toList();
    if (otherRegions.isEmpty()) {
      return;
    }
    SortedSet<String> named = new TreeSet<>();
    boolean byTag = false;
    for (Selection selection : plan.selections().values()) {
      named.addAll(ResourceTypes.selectedTypes(selection.resourceTypes().stream().filter(t -> !t.equals("*")).toList()));
      byTag |= selection.tag() != null || selection.resourceTypes().contains("*");
    }
    named.retainAll(ResourceTypes.NO_CROSS_REGION_AND_ACCOUNT_COPY);
    String where = "copies from " + String.join(", ", otherRegions) + " to central vault '" + copy.vault() + "' in "
        + copy.region() + " cross a Region and an account in one copy action";
    String hint = "give the plan one region (a plan per region, each copying to the central vault in its own region), "
        + "or copy to a member vault in " + copy.region() + " first";
    if (!named.isEmpty()) {
      error("BC246", sourceMap.value(cp.appendProperty("region")), where + ", which AWS Backup does not support for "
          + String.join(", ", named) + ": those copy jobs would fail on every run", hint);
    } else if (byTag || c.dataClassification() != null && c.dataClassification().values().values().stream()
        .anyMatch(plans -> plans.contains(planName))) {
      warning("BC308", sourceMap.value(cp.appendProperty("region")), where + "; AWS Backup does not support that for RDS, "
          + "Aurora, DocumentDB and Neptune, which plan '" + planName + "' may select by tag", hint);
    }
  }

  private static List<String> selected(Catalogue c, String planName, Plan plan) {
    return Scope.selectionTypes(c, planName, plan);
  }

  // ------------------------------------------------------------ accounts

  private void checkExcluded(Organization org) {
    Set<String> protectedIds = new HashSet<>();
    org.accounts().values().forEach(a -> protectedIds.add(a.id()));
    org.excludedAccounts().forEach((name, excluded) -> {
      JsonPointer p = ptr("organization", "excluded_accounts", name);
      checkAccountId(excluded.id(), sourceMap.value(p.appendProperty("id")));
      if (protectedIds.contains(excluded.id())) {
        error("BC110", sourceMap.value(p.appendProperty("id")), "account " + excluded.id() + " is both in "
            + "organization.accounts and excluded", "remove it from one of the two");
      }
      if (excluded.reason().isBlank()) {
        error("BC110", sourceMap.value(p.appendProperty("reason")), "excluded account '" + name + "' gives no reason",
            "say why its backups are not needed, for reviewers and auditors");
      }
    });
  }

  private void checkResourcePolicyStatements(Organization org) {
    if (!org.resourcePolicyStatements().isEmpty() && org.policyManagement() != PolicyManagement.DELEGATED_ADMINISTRATOR) {
      error("BC112", key("organization", "resource_policy_statements"), "resource_policy_statements are added to the "
          + "Organizations resource policy, which is only written with policy_management: delegated_administrator",
          "remove them, or manage the resource policy yourself");
    }
    Set<String> sids = new HashSet<>();
    for (int i = 0; i < org.resourcePolicyStatements().size(); i++) {
      PolicyStatement s = org.resourcePolicyStatements().get(i);
      JsonPointer p = ptr("organization", "resource_policy_statements").appendIndex(i);
      if (!SID.matcher(s.sid()).matches()) {
        error("BC112", sourceMap.value(p.appendProperty("sid")), "'" + s.sid() + "' is not a statement id",
            "use letters and digits only (IAM's Sid)");
      } else if (GENERATED_SIDS.contains(s.sid()) || !sids.add(s.sid())) {
        error("BC112", sourceMap.value(p.appendProperty("sid")), "statement id '" + s.sid() + "' is used twice in the "
            + "resource policy", "give the statement its own sid");
      }
      if (!s.effect().equals("Allow") && !s.effect().equals("Deny")) {
        error("BC112", sourceMap.value(p.appendProperty("effect")), "effect '" + s.effect() + "' is neither Allow nor Deny",
            "write Allow or Deny");
      }
      s.principal().forEach((kind, values) -> {
        for (int j = 0; j < values.size(); j++) {
          if (values.get(j).contains("*")) {
            error("BC112", sourceMap.value(p.appendProperty("principal").appendProperty(kind).appendIndex(j)),
                "a wildcard principal lets anyone the condition does not stop in", "name the accounts or roles");
          }
        }
      });
      if (s.principal().isEmpty() || s.action().isEmpty() || s.resource().isEmpty()) {
        error("BC112", sourceMap.key(p), "statement '" + s.sid() + "' needs a principal, actions and resources", null);
      }
    }
  }

  private void checkResourceKeys(Organization org) {
    org.accounts().forEach((name, account) -> {
      for (int i = 0; i < account.resourceKeys().size(); i++) {
        String arn = account.resourceKeys().get(i);
        JsonPointer p = ptr("organization", "accounts", name, "resource_keys").appendIndex(i);
        var m = KMS_KEY_ARN.matcher(arn);
        if (!m.matches()) {
          error("BC113", sourceMap.value(p), "'" + arn + "' is not a KMS key ARN",
              "use arn:aws:kms:<region>:<account id>:key/<key id> (not an alias)");
        } else if (!m.group(2).equals(account.id())) {
          error("BC113", sourceMap.value(p), "key " + arn + " belongs to account " + m.group(2) + ", not to '" + name
              + "' (" + account.id() + ")", "list each key under the account that owns it");
        } else if (!account.regions().isEmpty() && !account.regions().contains(m.group(1))) {
          error("BC113", sourceMap.value(p), "key " + arn + " is in " + m.group(1) + ", which '" + name + "' does not list",
              "add " + m.group(1) + " to the account's regions");
        }
      }
    });
  }

  private void checkBaseline(Catalogue c, Organization org) {
    if (org.baseline() == null) {
      return;
    }
    JsonPointer p = ptr("organization", "baseline", "organizational_units");
    if (org.baseline().organizationalUnits().isEmpty()) {
      error("BC111", key("organization", "baseline"), "the baseline names no organizational unit", "list the OUs to deploy to");
    }
    for (int i = 0; i < org.baseline().organizationalUnits().size(); i++) {
      String ou = org.baseline().organizationalUnits().get(i);
      if (!org.organizationalUnits().containsKey(ou)) {
        error("BC104", sourceMap.value(p.appendIndex(i)), "unknown organizational unit '" + ou + "'",
            "a StackSet deploys to OUs, not the root: name an OU defined under organization.organizational_units");
      }
    }
    if (problems.stream().anyMatch(d -> d.severity() == Severity.ERROR)) {
      return;
    }
    var vaults = Scope.baselineVaultLocations(c);
    vaults.forEach((vault, location) -> {
      if (location == VaultLocation.CENTRAL_ACCOUNT) {
        error("BC239", key("organization", "baseline"), "plans of the baseline OUs copy into central vault '" + vault
            + "', whose key and access policies name each source account's backup role; accounts the StackSet adds "
            + "later are unknown, so their copies would fail", "list those accounts in organization.accounts, or copy "
            + "into a member vault in the baseline OUs' plans");
      }
      var definition = c.vaults().get(vault);
      if (location == VaultLocation.MEMBER_ACCOUNTS && definition.lock() != null
          && definition.lock().minRetentionDays() == null) {
        error("BC240", key("vaults", vault, "lock"), "vault '" + vault + "' goes into the baseline StackSet, and "
            + "CloudFormation requires min_retention_days for a vault lock", "add min_retention_days to the lock");
      }
    });
  }

  // ------------------------------------------------------------ cross-account copies

  /**
   * Backups of types AWS Backup does not fully manage keep the resource's own key; a copy to another
   * account needs that key shared, and AWS managed keys never can be ("Encryption for backups in
   * AWS Backup", AWS Backup developer guide).
   */
  private void checkCrossAccountKeys(Catalogue c, Scope scope) {
    Organization org = c.organization();
    c.plans().forEach((planName, plan) -> plan.rules().forEach((ruleName, rule) -> {
      for (int i = 0; i < rule.copyTo().size(); i++) {
        CopyAction copy = rule.copyTo().get(i);
        if (c.vaults().get(copy.vault()).location() != VaultLocation.CENTRAL_ACCOUNT) {
          continue;
        }
        SortedSet<String> types = new TreeSet<>(ResourceTypes.selectedTypes(selected(c, planName, plan)));
        types.removeIf(ResourceTypes::fullyManaged);
        if (types.isEmpty()) {
          continue;
        }
        SortedSet<String> withoutKeys = new TreeSet<>();
        scope.plansByAccount().forEach((account, plans) -> {
          if (!plans.contains(planName) || account.equals(org.centralBackupAccount())) {
            return;
          }
          Account a = org.accounts().get(account);
          for (String region : plan.regions()) {
            boolean listed = a.resourceKeys().stream().anyMatch(k -> k.split(":")[3].equals(region));
            if (!listed && (a.regions().isEmpty() || a.regions().contains(region))) {
              withoutKeys.add(account + " (" + region + ")");
            }
          }
        });
        if (!withoutKeys.isEmpty()) {
          warning("BC305", sourceMap.value(ptr("plans", planName, "rules", ruleName, "copy_to").appendIndex(i).appendProperty("vault")),
              "copies of " + String.join(", ", types) + " backups to another account need each resource's customer-managed "
                  + "KMS key shared with that account; AWS managed keys (aws/rds, aws/ebs, ...) can never be, and those "
                  + "copy jobs fail. No resource_keys are listed for: " + String.join(", ", withoutKeys),
              "encrypt these resources with customer-managed keys and list them under organization.accounts.<name>."
                  + "resource_keys: the generator then shares them with KMS grants");
        }
      }
    }));
  }
}
