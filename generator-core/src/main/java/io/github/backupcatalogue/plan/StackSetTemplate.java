package io.github.backupcatalogue.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.CopyAction;
import io.github.backupcatalogue.catalogue.KeyType;
import io.github.backupcatalogue.catalogue.Organization;
import io.github.backupcatalogue.catalogue.Plan;
import io.github.backupcatalogue.catalogue.Rule;
import io.github.backupcatalogue.catalogue.Vault;
import io.github.backupcatalogue.catalogue.VaultLocation;
import io.github.backupcatalogue.plan.Model.Document;
import io.github.backupcatalogue.plan.Model.StackSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The baseline StackSet (organization.baseline): one CloudFormation template that puts the backup
 * role and the member vaults, with their keys, locks and access policies, into every account of the
 * baseline OUs that has no module of its own. It is built from the same documents as the
 * per-account modules ({@link IamDocuments}), with the account id left to CloudFormation
 * ({@code Fn::Sub} of {@code ${AWS::AccountId}}), so the two cannot disagree.
 *
 * <p>The IAM role is global: only the stack in the first region creates it, and the stack
 * instances are deployed one region after another in that order, so every key policy can name it.
 */
final class StackSetTemplate {

  static final String NAME = "backup-catalogue-baseline";
  static final String ACCOUNT = "${AWS::AccountId}";
  /**
   * The roles service-managed StackSets run stacks as in member accounts ("By default, StackSets with
   * service-managed permissions creates an execution role named stacksets-exec-* in each target
   * account", CloudFormation user guide): they apply, and may update, the vaults.
   */
  static final String STACKSETS_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/stacksets-exec-*";
  private static final String ROLE_ID = "BackupRole";
  private static final String ROLE_CONDITION = "InRoleRegion";

  private StackSetTemplate() {}

  static StackSet stackSet(Catalogue c, Scope scope, Function<String, String> accountId) {
    Organization org = c.organization();
    SortedMap<String, SortedSet<String>> vaults = baselineVaults(c);
    SortedSet<String> regions = new TreeSet<>();
    vaults.values().forEach(regions::addAll);
    List<String> order = new ArrayList<>(regions);
    String roleRegion = order.isEmpty() ? "us-east-1" : order.get(0);
    Document template = template(c, vaults, roleRegion, baselineSelectsS3(c));
    List<String> ouIds = org.baseline().organizationalUnits().stream().map(ou -> org.organizationalUnits().get(ou).id()).toList();
    // Accounts below the baseline OUs with modules of their own. Excluded accounts are not listed: the
    // catalogue does not say where they are, and AWS does not document a DIFFERENCE filter naming an
    // account outside the OUs (one inside simply gets the baseline too).
    SortedSet<String> excluded = new TreeSet<>();
    org.accounts().forEach((name, account) -> {
      if (org.baseline().organizationalUnits().stream().anyMatch(b -> Scope.isBelow(org, account.ou(), b))) {
        excluded.add(account.id());
      }
    });
    String callAs = org.policyAccount().equals(org.managementAccount()) ? "SELF" : "DELEGATED_ADMIN";
    return new StackSet(NAME, callAs, ouIds, org.baseline().organizationalUnits(), List.copyOf(excluded), order,
        org.baseline().retainOnAccountRemoval(), template, "organization.baseline");
  }

  /** Member vault -> the regions it is needed in, for the plans of the baseline policies. */
  static SortedMap<String, SortedSet<String>> baselineVaults(Catalogue c) {
    SortedMap<String, SortedSet<String>> vaults = new TreeMap<>();
    for (String policyName : Scope.baselinePolicies(c)) {
      for (String planName : c.policies().get(policyName).plans()) {
        Plan plan = c.plans().get(planName);
        for (String region : plan.regions()) {
          for (Rule rule : plan.rules().values()) {
            vaults.computeIfAbsent(rule.vault(), v -> new TreeSet<>()).add(region);
            for (CopyAction copy : rule.copyTo()) {
              if (c.vaults().get(copy.vault()).location() == VaultLocation.MEMBER_ACCOUNTS) {
                vaults.computeIfAbsent(copy.vault(), v -> new TreeSet<>()).add(copy.region() != null ? copy.region() : region);
              }
            }
          }
        }
      }
    }
    return vaults;
  }

  private static boolean baselineSelectsS3(Catalogue c) {
    for (String policyName : Scope.baselinePolicies(c)) {
      for (String planName : c.policies().get(policyName).plans()) {
        if (Scope.selectsS3(c, planName, c.plans().get(planName))) {
          return true;
        }
      }
    }
    return false;
  }

  private static Document template(Catalogue c, SortedMap<String, SortedSet<String>> vaults, String roleRegion, boolean s3) {
    ObjectNode template = Json.object();
    template.put("AWSTemplateFormatVersion", "2010-09-09");
    template.put("Description", "backup-catalogue baseline: the AWS Backup role and member vaults of every account in the "
        + "baseline OUs. Generated; do not edit.");
    ObjectNode conditions = Json.object();
    conditions.set(ROLE_CONDITION, regionIs(roleRegion));
    ObjectNode resources = Json.object();

    var r = c.backupRole();
    String roleArn = r.arn(ACCOUNT);
    ObjectNode role = resource("AWS::IAM::Role", ROLE_CONDITION, false);
    ObjectNode roleProperties = (ObjectNode) role.get("Properties");
    roleProperties.put("RoleName", r.name());
    roleProperties.put("Path", r.path());
    roleProperties.put("Description", "Assumed by AWS Backup to back up and restore (backup-catalogue)");
    roleProperties.set("AssumeRolePolicyDocument", cloudFormation(IamDocuments.backupTrustPolicy(), roleArn));
    List<String> managed = new ArrayList<>(List.of(Planner.BACKUP_POLICY, Planner.RESTORE_POLICY));
    if (s3) {
      managed.add(Planner.S3_BACKUP_POLICY);
      managed.add(Planner.S3_RESTORE_POLICY);
    }
    roleProperties.set("ManagedPolicyArns", Json.array(managed));
    if (r.permissionsBoundary() != null) {
      roleProperties.put("PermissionsBoundary", r.permissionsBoundary());
    }
    resources.set(ROLE_ID, role);

    int index = 0;
    for (var entry : vaults.entrySet()) {
      index++;
      String name = entry.getKey();
      Vault vault = c.vaults().get(name);
      String id = "V" + index + name.replaceAll("[^A-Za-z0-9]", "");
      String condition = id + "Region";
      conditions.set(condition, regionsAre(entry.getValue()));
      JsonNode keyArn = null;
      if (vault.encryption().key() == KeyType.CREATE) {
        ObjectNode key = resource("AWS::KMS::Key", condition, true);
        ObjectNode properties = (ObjectNode) key.get("Properties");
        properties.put("Description", "Encrypts backup vault " + name + " (backup-catalogue)");
        properties.put("EnableKeyRotation", vault.encryption().rotation());
        properties.put("PendingWindowInDays", vault.encryption().deletionWindowDays());
        properties.set("KeyPolicy", cloudFormation(IamDocuments.keyPolicy(ACCOUNT, java.util.Map.of(roleArn, IamDocuments.OWN_ROLE_REFERENCE), null, List.of(), List.of(), null), roleArn));
        resources.set(id + "Key", key);
        ObjectNode alias = resource("AWS::KMS::Alias", condition, false);
        ((ObjectNode) alias.get("Properties")).put("AliasName", Planner.keyAlias(name));
        ((ObjectNode) alias.get("Properties")).set("TargetKeyId", ref(id + "Key"));
        resources.set(id + "KeyAlias", alias);
        keyArn = getAtt(id + "Key", "Arn");
      } else if (vault.encryption().key() == KeyType.EXISTING) {
        keyArn = JsonNodeFactory.instance.textNode(vault.encryption().keyArn());
      }
      ObjectNode backupVault = resource("AWS::Backup::BackupVault", condition, true);
      ObjectNode properties = (ObjectNode) backupVault.get("Properties");
      properties.put("BackupVaultName", name);
      if (keyArn != null) {
        properties.set("EncryptionKeyArn", keyArn);
      }
      var access = vault.accessPolicy();
      Document policy = IamDocuments.vaultPolicy(c.organization().id(), List.of(), null, access.denyRecoveryPointDeletion(),
          Planner.breakGlassArn(ACCOUNT, access.breakGlassRole()));
      if (policy != null) {
        properties.set("AccessPolicy", cloudFormation(policy, roleArn));
      }
      if (vault.lock() != null) {
        ObjectNode lock = Json.object();
        if (vault.lock().minRetentionDays() != null) {
          lock.put("MinRetentionDays", vault.lock().minRetentionDays());
        }
        if (vault.lock().maxRetentionDays() != null) {
          lock.put("MaxRetentionDays", vault.lock().maxRetentionDays());
        }
        if (vault.lock().changeableForDays() != null) {
          lock.put("ChangeableForDays", vault.lock().changeableForDays());
        }
        properties.set("LockConfiguration", lock);
      }
      if (!vault.tags().isEmpty()) {
        ObjectNode tags = Json.object();
        vault.tags().forEach(tags::put);
        properties.set("BackupVaultTags", tags);
      }
      resources.set(id + "Vault", backupVault);
    }
    template.set("Conditions", conditions);
    template.set("Resources", resources);
    return new Document(Json.pretty(template), List.of(), Json.minified(template).getBytes(StandardCharsets.UTF_8).length);
  }

  /** A resource; kept resources (keys, vaults) survive stack deletion and replacement. */
  private static ObjectNode resource(String type, String condition, boolean retain) {
    ObjectNode resource = Json.object();
    resource.put("Type", type);
    resource.put("Condition", condition);
    if (retain) {
      resource.put("DeletionPolicy", "Retain");
      resource.put("UpdateReplacePolicy", "Retain");
    }
    resource.set("Properties", Json.object());
    return resource;
  }

  /**
   * A policy document for CloudFormation: the module's own role becomes the stack's role (by
   * {@code Fn::GetAtt} where the stack creates it, which orders the resources), the deployer becomes
   * the StackSets role, and every string naming the account becomes an {@code Fn::Sub}.
   */
  private static JsonNode cloudFormation(Document document, String roleArn) {
    try {
      return substitute(new ObjectMapper().readTree(document.text()), roleArn);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a generated policy document is always JSON", e);
    }
  }

  private static JsonNode substitute(JsonNode node, String roleArn) {
    if (node.isObject()) {
      ObjectNode copy = Json.object();
      node.fields().forEachRemaining(e -> copy.set(e.getKey(), substitute(e.getValue(), roleArn)));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> copy.add(substitute(element, roleArn)));
      return copy;
    }
    if (!node.isTextual()) {
      return node;
    }
    String text = node.asText();
    if (text.equals("${" + IamDocuments.OWN_ROLE_REFERENCE + "}")) {
      ArrayNode choice = JsonNodeFactory.instance.arrayNode();
      choice.add(ROLE_CONDITION);
      choice.add(getAtt(ROLE_ID, "Arn"));
      choice.add(sub(roleArn));
      ObjectNode fnIf = Json.object();
      fnIf.set("Fn::If", choice);
      return fnIf;
    }
    if (text.equals("${" + IamDocuments.DEPLOYER_REFERENCE + "}")) {
      return sub(STACKSETS_ROLE);
    }
    return text.contains("${AWS::") ? sub(text) : node;
  }

  private static ObjectNode sub(String text) {
    ObjectNode sub = Json.object();
    sub.put("Fn::Sub", text);
    return sub;
  }

  private static ObjectNode ref(String id) {
    ObjectNode ref = Json.object();
    ref.put("Ref", id);
    return ref;
  }

  private static ObjectNode getAtt(String id, String attribute) {
    ObjectNode getAtt = Json.object();
    getAtt.set("Fn::GetAtt", Json.array(List.of(id, attribute)));
    return getAtt;
  }

  private static ObjectNode regionIs(String region) {
    ArrayNode equals = JsonNodeFactory.instance.arrayNode();
    equals.add(ref("AWS::Region"));
    equals.add(region);
    ObjectNode condition = Json.object();
    condition.set("Fn::Equals", equals);
    return condition;
  }

  /** One region, or any of up to ten (Fn::Or takes 2 to 10 conditions; validation keeps to that). */
  private static ObjectNode regionsAre(SortedSet<String> regions) {
    if (regions.size() == 1) {
      return regionIs(regions.first());
    }
    ArrayNode any = JsonNodeFactory.instance.arrayNode();
    new LinkedHashSet<>(regions).forEach(region -> any.add(regionIs(region)));
    ObjectNode or = Json.object();
    or.set("Fn::Or", any);
    return or;
  }
}
