package io.github.backupcatalogue.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;

/**
 * The IAM-language documents: role trust, KMS key policies, vault access policies and the
 * Organizations resource policy. Exact principals everywhere; the one {@code *} principal is in the
 * vault's Deny statement, where it means "nobody but the break-glass role".
 */
final class IamDocuments {

  static final String KEY_USE_ACTIONS_SID = "AllowBackupRolesToUseTheKey";
  static final List<String> KEY_USE_ACTIONS =
      List.of("kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*");
  static final List<String> KEY_GRANT_ACTIONS = List.of("kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant");

  private IamDocuments() {}

  static String backupTrustPolicy() {
    ObjectNode statement = statement("AllowAwsBackupToAssumeTheRole", "Allow");
    ObjectNode principal = Json.object();
    principal.put("Service", "backup.amazonaws.com");
    statement.set("Principal", principal);
    statement.put("Action", "sts:AssumeRole");
    return document(statement);
  }

  /** A key policy: the account administers the key through IAM; the backup roles may use it. */
  static String keyPolicy(String accountId, Collection<String> backupRoles) {
    ObjectNode admin = statement("EnableIamPoliciesOfTheOwningAccount", "Allow");
    admin.set("Principal", awsPrincipal(List.of("arn:aws:iam::" + accountId + ":root")));
    admin.put("Action", "kms:*");
    admin.put("Resource", "*");
    ObjectNode use = statement(KEY_USE_ACTIONS_SID, "Allow");
    use.set("Principal", awsPrincipal(backupRoles));
    use.set("Action", Json.array(KEY_USE_ACTIONS));
    use.put("Resource", "*");
    ObjectNode grants = statement("AllowBackupRolesToGrantTheKeyToAwsResources", "Allow");
    grants.set("Principal", awsPrincipal(backupRoles));
    grants.set("Action", Json.array(KEY_GRANT_ACTIONS));
    grants.put("Resource", "*");
    grants.set("Condition", condition("Bool", "kms:GrantIsForAWSResource", "true"));
    return document(admin, use, grants);
  }

  /** The source role's own permission to use the central keys it copies into. */
  static String copyKeysPolicy(String centralAccountId, Collection<String> regions, Collection<String> aliases) {
    ObjectNode use = statement("UseTheCentralVaultKeysForCopies", "Allow");
    use.set("Action", Json.array(KEY_USE_ACTIONS));
    use.set("Resource", Json.array(regions.stream().map(r -> "arn:aws:kms:" + r + ":" + centralAccountId + ":key/*").toList()));
    use.set("Condition", condition("ForAnyValue:StringEquals", "kms:ResourceAliases", Json.array(aliases)));
    ObjectNode grants = statement("GrantTheCentralVaultKeysToAwsResources", "Allow");
    grants.set("Action", Json.array(List.of("kms:CreateGrant")));
    grants.set("Resource", use.get("Resource"));
    ObjectNode both = condition("ForAnyValue:StringEquals", "kms:ResourceAliases", Json.array(aliases));
    ObjectNode bool = Json.object();
    bool.put("kms:GrantIsForAWSResource", "true");
    both.set("Bool", bool);
    grants.set("Condition", both);
    return document(use, grants);
  }

  /** A vault access policy: copies in from the named roles of this organization; no deletions. */
  static String vaultPolicy(String organizationId, Collection<String> copySources, boolean denyDeletion, String breakGlassArn) {
    ArrayNode statements = JsonNodeFactory.instance.arrayNode();
    if (!copySources.isEmpty()) {
      ObjectNode copy = statement("AllowCopiesFromTheBackupRolesOfThisOrganization", "Allow");
      copy.set("Principal", awsPrincipal(copySources));
      copy.put("Action", "backup:CopyIntoBackupVault");
      copy.put("Resource", "*");
      copy.set("Condition", condition("StringEquals", "aws:PrincipalOrgID", organizationId));
      statements.add(copy);
    }
    if (denyDeletion) {
      ObjectNode deny = statement("DenyDeletingOrShorteningRecoveryPoints", "Deny");
      ObjectNode everyone = Json.object();
      everyone.put("AWS", "*");
      deny.set("Principal", everyone);
      deny.set("Action", Json.array(List.of("backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle")));
      deny.put("Resource", "*");
      if (breakGlassArn != null) {
        deny.set("Condition", condition("ArnNotEquals", "aws:PrincipalArn", breakGlassArn));
      }
      statements.add(deny);
    }
    if (statements.isEmpty()) {
      return null;
    }
    ObjectNode document = Json.object();
    document.put("Version", "2012-10-17");
    document.set("Statement", statements);
    return Json.pretty(document);
  }

  /**
   * The management account's resource policy letting the delegated administrators manage backup
   * policies, and nothing else, in this organization (the article's three statements, scoped to the
   * organization id instead of every organization).
   */
  static String organizationsResourcePolicy(String managementId, String organizationId, Collection<String> delegatedIds) {
    List<String> principals = delegatedIds.stream().map(id -> "arn:aws:iam::" + id + ":root").toList();
    String org = "arn:aws:organizations::" + managementId + ":";
    ObjectNode read = statement("AllowOrganizationsRead", "Allow");
    read.set("Principal", awsPrincipal(principals));
    read.set("Action", Json.array(List.of("organizations:Describe*", "organizations:List*")));
    read.put("Resource", "*");
    // CreatePolicy cannot be scoped to a policy ARN (the policy does not exist yet): it gets "*",
    // limited to BACKUP_POLICY by the condition, as in AWS's own delegation examples.
    ObjectNode create = statement("AllowBackupPolicyCreation", "Allow");
    create.set("Principal", awsPrincipal(principals));
    create.put("Action", "organizations:CreatePolicy");
    create.put("Resource", "*");
    create.set("Condition", condition("StringEquals", "organizations:PolicyType", "BACKUP_POLICY"));
    ObjectNode modify = statement("AllowBackupPolicyModification", "Allow");
    modify.set("Principal", awsPrincipal(principals));
    modify.set("Action", Json.array(List.of("organizations:DeletePolicy", "organizations:DescribePolicy",
        "organizations:UpdatePolicy")));
    modify.put("Resource", org + "policy/" + organizationId + "/backup_policy/*");
    modify.set("Condition", condition("StringEquals", "organizations:PolicyType", "BACKUP_POLICY"));
    ObjectNode attach = statement("AllowBackupPolicyAttachmentAndDetachment", "Allow");
    attach.set("Principal", awsPrincipal(principals));
    attach.set("Action", Json.array(List.of("organizations:AttachPolicy", "organizations:DetachPolicy")));
    attach.set("Resource", Json.array(List.of(org + "account/" + organizationId + "/*", org + "ou/" + organizationId + "/*",
        org + "root/" + organizationId + "/*", org + "policy/" + organizationId + "/backup_policy/*")));
    attach.set("Condition", condition("StringEquals", "organizations:PolicyType", "BACKUP_POLICY"));
    return document(read, create, modify, attach);
  }

  private static ObjectNode statement(String sid, String effect) {
    ObjectNode statement = Json.object();
    statement.put("Sid", sid);
    statement.put("Effect", effect);
    return statement;
  }

  private static ObjectNode awsPrincipal(Collection<String> arns) {
    ObjectNode principal = Json.object();
    if (arns.size() == 1) {
      principal.put("AWS", arns.iterator().next());
    } else {
      principal.set("AWS", Json.array(arns));
    }
    return principal;
  }

  private static ObjectNode condition(String operator, String key, String value) {
    ObjectNode inner = Json.object();
    inner.put(key, value);
    ObjectNode condition = Json.object();
    condition.set(operator, inner);
    return condition;
  }

  private static ObjectNode condition(String operator, String key, ArrayNode values) {
    ObjectNode inner = Json.object();
    inner.set(key, values);
    ObjectNode condition = Json.object();
    condition.set(operator, inner);
    return condition;
  }

  private static String document(ObjectNode... statements) {
    ObjectNode document = Json.object();
    document.put("Version", "2012-10-17");
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (ObjectNode statement : statements) {
      array.add(statement);
    }
    document.set("Statement", array);
    return Json.pretty(document);
  }
}
