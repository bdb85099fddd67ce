package io.github.backupcatalogue.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.backupcatalogue.plan.Model.Document;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IAM-language documents: role trust, KMS key policies, vault access policies and the
 * Organizations resource policy. Exact principals everywhere; the only {@code *} principals are in
 * the vault's Deny statements, where they mean "nobody but the exempted roles".
 *
 * <p>A document may name a resource of its own module (the account's backup role, the identity
 * that applies the module): it is built with the literal value, which is what AWS receives and
 * what its size is measured on, and rendered with a Terraform reference in its place, so that
 * Terraform orders the resources and nobody maintains the ARN twice.
 */
final class IamDocuments {

  static final List<String> KEY_USE_ACTIONS =
      List.of("kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*");
  /** What a service publishing to an encrypted SNS topic needs of its key (Amazon SNS Developer Guide). */
  static final List<String> TOPIC_KEY_ACTIONS = List.of("kms:Decrypt", "kms:GenerateDataKey*");
  static final String BACKUP_SERVICE = "backup.amazonaws.com";
  static final String EVENTS_SERVICE = "events.amazonaws.com";
  static final List<String> KEY_GRANT_ACTIONS = List.of("kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant");

  /** Deleting or shortening recovery points: only the break-glass role. */
  static final List<String> RECOVERY_POINT_ACTIONS = List.of("backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle");

  /**
   * Taking the protection away (the policy itself, the lock, the vault): only the break-glass role
   * and the identity that applies the module. Without these a member-account administrator could
   * delete the access policy and then the recovery points.
   */
  static final List<String> VAULT_PROTECTION_ACTIONS = List.of("backup:DeleteBackupVault",
      "backup:DeleteBackupVaultAccessPolicy", "backup:DeleteBackupVaultLockConfiguration", "backup:PutBackupVaultAccessPolicy",
      "backup:PutBackupVaultLockConfiguration");

  /** The Terraform expression for the account's own backup role. */
  static final String OWN_ROLE_REFERENCE = "aws_iam_role.backup.arn";
  /** The Terraform expression for the account's restore testing role. */
  static final String RESTORE_TESTING_ROLE_REFERENCE = "aws_iam_role.restore_testing.arn";
  /** The Terraform expression for the account's malware scanner role. */
  static final String MALWARE_SCANNER_ROLE_REFERENCE = "aws_iam_role.malware_scanner.arn";
  /** The service GuardDuty Malware Protection assumes the scanner role as (Backup policy syntax, Example 8). */
  static final String GUARDDUTY_MALWARE_PROTECTION = "malware-protection.guardduty.amazonaws.com";
  /**
   * What the scanner role may do with a scanned vault's key: decrypt the recovery points it scans
   * and describe the key, as AWSBackupGuardDutyRolePolicyForScans grants it (DecryptKMSEncryptedDataByAWSBackup,
   * DescribeKeyPermissions); it never encrypts with it.
   */
  static final List<String> SCANNER_KEY_ACTIONS = List.of("kms:Decrypt", "kms:DescribeKey");
  /** The Terraform expression for the identity applying the module (see vaults.tf). */
  static final String DEPLOYER_REFERENCE = "data.aws_iam_session_context.deployer.issuer_arn";
  /** Stands for the deployer's ARN while the document is built (and measured). */
  static final String DEPLOYER_PLACEHOLDER = "arn:aws:iam::000000000000:role/deployer";

  private IamDocuments() {}

  static Document backupTrustPolicy() {
    ObjectNode statement = statement("AllowAwsBackupToAssumeTheRole", "Allow");
    ObjectNode principal = Json.object();
    principal.put("Service", "backup.amazonaws.com");
    statement.set("Principal", principal);
    statement.put("Action", "sts:AssumeRole");
    return document(Map.of(), statement);
  }

  /**
   * The scanner role's trust: GuardDuty Malware Protection assumes it when AWS Backup passes it to
   * a scan ("The scanner_role_arn must reference an IAM role with the AWSBackupGuardDutyRolePolicyForScans
   * managed policy attached and a trust policy that allows the malware-protection.guardduty.amazonaws.com
   * service principal to assume the role", Backup policy syntax and examples, Example 8).
   */
  static Document malwareScannerTrustPolicy() {
    ObjectNode statement = statement("AllowGuardDutyMalwareProtectionToAssumeTheRole", "Allow");
    statement.set("Principal", servicePrincipal(GUARDDUTY_MALWARE_PROTECTION));
    statement.put("Action", "sts:AssumeRole");
    return document(Map.of(), statement);
  }

  /**
   * A vault key's policy: the owning account administers the key through IAM (so it can never be
   * locked out, and AWS Backup's service-linked role, which performs copies into the vault, works
   * through its IAM permissions); its own backup role and the backup roles of the accounts copying
   * in may use it and grant it to AWS resources; the accounts it is shared with (the source accounts
   * of a central vault, which receive recovery points back for a restore) may do the same.
   *
   * @param ownRoles the account's own backup roles that use the key (ARN -> Terraform reference)
   * @param restoreTestingRole the account's restore testing role (named by reference), when a
   *     restore test restores from the vault, or null
   * @param copySources backup roles of other accounts copying into the vault
   * @param sharedWith account ids the key is shared with for copies back, the KMS cross-account
   *     pattern ("Allowing users in other accounts to use a KMS key", KMS developer guide)
   * @param malwareScanner the account's malware scanner role, when GuardDuty scans recovery points the
   *     key encrypts (S3: AWS Backup fully manages them, so the vault's key encrypts them), or null
   */
  static Document keyPolicy(String accountId, Map<String, String> ownRoles, String restoreTestingRole,
      Collection<String> copySources, Collection<String> sharedWith, String malwareScanner) {
    List<String> users = new ArrayList<>(ownRoles.keySet());
    if (restoreTestingRole != null) {
      users.add(restoreTestingRole);
    }
    users.addAll(copySources);
    ObjectNode admin = ownerAdministersTheKey(accountId);
    ObjectNode use = statement("AllowBackupRolesToUseTheKey", "Allow");
    use.set("Principal", awsPrincipal(users));
    use.set("Action", Json.array(KEY_USE_ACTIONS));
    use.put("Resource", "*");
    ObjectNode grants = statement("AllowBackupRolesToGrantTheKeyToAwsResources", "Allow");
    grants.set("Principal", awsPrincipal(users));
    grants.set("Action", Json.array(KEY_GRANT_ACTIONS));
    grants.put("Resource", "*");
    grants.set("Condition", condition("Bool", "kms:GrantIsForAWSResource", "true"));
    List<ObjectNode> statements = new ArrayList<>(List.of(admin, use, grants));
    if (!sharedWith.isEmpty()) {
      List<String> accounts = sharedWith.stream().map(IamDocuments::rootOf).toList();
      ObjectNode restoreUse = statement("ShareTheKeyWithTheSourceAccountsForCopiesBack", "Allow");
      restoreUse.set("Principal", awsPrincipal(accounts));
      restoreUse.set("Action", Json.array(List.of("kms:Decrypt", "kms:DescribeKey", "kms:ReEncrypt*")));
      restoreUse.put("Resource", "*");
      ObjectNode restoreGrants = statement("LetTheSourceAccountsGrantTheKeyToAwsResources", "Allow");
      restoreGrants.set("Principal", awsPrincipal(accounts));
      restoreGrants.set("Action", Json.array(List.of("kms:CreateGrant")));
      restoreGrants.put("Resource", "*");
      restoreGrants.set("Condition", condition("Bool", "kms:GrantIsForAWSResource", "true"));
      statements.add(restoreUse);
      statements.add(restoreGrants);
    }
    if (malwareScanner != null) {
      // Only through AWS Backup (kms:ViaService, as AWS's AWSBackupGuardDutyRolePolicyForScans lets it decrypt), not the
      // key to read anything else with; the managed policy adds the backup-vault encryption context
      ObjectNode scan = statement("AllowTheMalwareScannerToReadTheRecoveryPointsItScans", "Allow");
      scan.set("Principal", awsPrincipal(List.of(malwareScanner)));
      scan.set("Action", Json.array(SCANNER_KEY_ACTIONS));
      scan.put("Resource", "*");
      scan.set("Condition", condition("StringLike", "kms:ViaService", "backup.*.amazonaws.com"));
      statements.add(scan);
    }
    Map<String, String> references = new LinkedHashMap<>(ownRoles);
    if (restoreTestingRole != null) {
      references.put(restoreTestingRole, RESTORE_TESTING_ROLE_REFERENCE);
    }
    if (malwareScanner != null) {
      references.put(malwareScanner, MALWARE_SCANNER_ROLE_REFERENCE);
    }
    return document(references, statements.toArray(ObjectNode[]::new));
  }

  /** A role's permission to use KMS keys of another account, found by their aliases. */
  static String keysByAliasPolicy(String sid, String accountId, Collection<String> regions, Collection<String> aliases) {
    ObjectNode use = statement(sid, "Allow");
    use.set("Action", Json.array(KEY_USE_ACTIONS));
    use.set("Resource", Json.array(regions.stream().map(r -> "arn:aws:kms:" + r + ":" + accountId + ":key/*").toList()));
    use.set("Condition", condition("ForAnyValue:StringEquals", "kms:ResourceAliases", Json.array(aliases)));
    ObjectNode grants = statement(sid + "ForAwsResources", "Allow");
    grants.set("Action", Json.array(List.of("kms:CreateGrant")));
    grants.set("Resource", use.get("Resource"));
    ObjectNode both = condition("ForAnyValue:StringEquals", "kms:ResourceAliases", Json.array(aliases));
    ObjectNode bool = Json.object();
    bool.put("kms:GrantIsForAWSResource", "true");
    both.set("Bool", bool);
    grants.set("Condition", both);
    return Json.pretty(documentNode(use, grants));
  }

  /**
   * A vault access policy.
   *
   * @param copySources backup roles of this organization that copy into the vault
   * @param restoreAccount the central account, which may copy recovery points back for a restore, or null
   * @param protect deny deleting recovery points (all but break-glass) and taking the protection
   *     away (all but break-glass and the deployer)
   * @param breakGlassArn the break-glass role, with its path, or null
   */
  static Document vaultPolicy(String organizationId, Collection<String> copySources, String restoreAccount, boolean protect,
      String breakGlassArn) {
    List<ObjectNode> statements = new ArrayList<>();
    if (!copySources.isEmpty()) {
      ObjectNode copy = statement("AllowCopiesFromTheBackupRolesOfThisOrganization", "Allow");
      copy.set("Principal", awsPrincipal(copySources));
      copy.put("Action", "backup:CopyIntoBackupVault");
      copy.put("Resource", "*");
      copy.set("Condition", condition("StringEquals", "aws:PrincipalOrgID", organizationId));
      statements.add(copy);
    }
    if (restoreAccount != null) {
      // AWS's documented restore from another account: copy the recovery point back, then restore.
      // The copy is started in the central account and performed by this account's service-linked role.
      ObjectNode back = statement("AllowTheCentralAccountToCopyBackForRestores", "Allow");
      back.set("Principal", awsPrincipal(List.of(rootOf(restoreAccount))));
      back.put("Action", "backup:CopyIntoBackupVault");
      back.put("Resource", "*");
      back.set("Condition", condition("StringEquals", "aws:PrincipalOrgID", organizationId));
      statements.add(back);
    }
    Map<String, String> references = new LinkedHashMap<>();
    if (protect) {
      ObjectNode deny = statement("DenyDeletingOrShorteningRecoveryPoints", "Deny");
      deny.set("Principal", everyone());
      deny.set("Action", Json.array(RECOVERY_POINT_ACTIONS));
      deny.put("Resource", "*");
      if (breakGlassArn != null) {
        deny.set("Condition", condition("ArnNotEquals", "aws:PrincipalArn", breakGlassArn));
      }
      statements.add(deny);
      ObjectNode guard = statement("DenyRemovingThisProtection", "Deny");
      guard.set("Principal", everyone());
      guard.set("Action", Json.array(VAULT_PROTECTION_ACTIONS));
      guard.put("Resource", "*");
      List<String> exempt = new ArrayList<>();
      if (breakGlassArn != null) {
        exempt.add(breakGlassArn);
      }
      exempt.add(DEPLOYER_PLACEHOLDER);
      // ArnNotLike: exact ARNs here, or a pattern where the deployer is one (StackSets' execution roles).
      guard.set("Condition", condition("ArnNotLike", "aws:PrincipalArn", exempt.size() == 1
          ? JsonNodeFactory.instance.textNode(exempt.get(0)) : Json.array(exempt)));
      statements.add(guard);
      references.put(DEPLOYER_PLACEHOLDER, DEPLOYER_REFERENCE);
    }
    if (statements.isEmpty()) {
      return null;
    }
    return document(references, statements.toArray(ObjectNode[]::new));
  }

  /**
   * The management account's resource policy letting the delegated administrators manage backup
   * policies, and nothing else, in this organization. It follows AWS's examples "Consolidated
   * permissions to manage an organization's backup policies" and "Tag and untag policies"
   * (Organizations user guide, resource-based policy examples): reads of the organization's
   * structure, reads of backup policies, creating, changing and attaching backup policies, and
   * tagging them (CreatePolicy with tags also needs organizations:TagResource).
   *
   * @param extraStatements the catalogue's own statements, kept as written (the organization has
   *     only one resource policy: other delegations must be merged into it)
   */
  static Document organizationsResourcePolicy(String managementId, String organizationId, Collection<String> delegatedIds,
      List<JsonNode> extraStatements) {
    List<String> principals = delegatedIds.stream().map(IamDocuments::rootOf).toList();
    String org = "arn:aws:organizations::" + managementId + ":";
    String backupPolicies = org + "policy/" + organizationId + "/backup_policy/*";
    ObjectNode read = statement("AllowReadingTheOrganizationStructure", "Allow");
    read.set("Principal", awsPrincipal(principals));
    read.set("Action", Json.array(List.of("organizations:DescribeAccount", "organizations:DescribeOrganization",
        "organizations:DescribeOrganizationalUnit", "organizations:ListAWSServiceAccessForOrganization",
        "organizations:ListAccounts", "organizations:ListAccountsForParent", "organizations:ListChildren",
        "organizations:ListDelegatedAdministrators", "organizations:ListOrganizationalUnitsForParent",
        "organizations:ListParents", "organizations:ListRoots", "organizations:ListTagsForResource")));
    read.put("Resource", "*");
    ObjectNode readPolicies = statement("AllowReadingBackupPolicies", "Allow");
    readPolicies.set("Principal", awsPrincipal(principals));
    readPolicies.set("Action", Json.array(List.of("organizations:DescribeEffectivePolicy", "organizations:DescribePolicy",
        "organizations:ListPolicies", "organizations:ListPoliciesForTarget", "organizations:ListTargetsForPolicy")));
    readPolicies.put("Resource", "*");
    readPolicies.set("Condition", condition("StringLikeIfExists", "organizations:PolicyType", "BACKUP_POLICY"));
    // CreatePolicy gets "*" (the policy's ARN does not exist yet), limited to BACKUP_POLICY.
    ObjectNode create = statement("AllowBackupPolicyCreation", "Allow");
    create.set("Principal", awsPrincipal(principals));
    create.put("Action", "organizations:CreatePolicy");
    create.put("Resource", "*");
    create.set("Condition", condition("StringEquals", "organizations:PolicyType", "BACKUP_POLICY"));
    ObjectNode modify = statement("AllowBackupPolicyModification", "Allow");
    modify.set("Principal", awsPrincipal(principals));
    modify.set("Action", Json.array(List.of("organizations:DeletePolicy", "organizations:UpdatePolicy")));
    modify.put("Resource", backupPolicies);
    modify.set("Condition", condition("StringEquals", "organizations:PolicyType", "BACKUP_POLICY"));
    ObjectNode tag = statement("AllowTaggingBackupPolicies", "Allow");
    tag.set("Principal", awsPrincipal(principals));
    tag.set("Action", Json.array(List.of("organizations:TagResource", "organizations:UntagResource")));
    tag.put("Resource", backupPolicies);
    ObjectNode attach = statement("AllowBackupPolicyAttachmentAndDetachment", "Allow");
    attach.set("Principal", awsPrincipal(principals));
    attach.set("Action", Json.array(List.of("organizations:AttachPolicy", "organizations:DetachPolicy")));
    attach.set("Resource", Json.array(List.of(org + "account/" + organizationId + "/*", org + "ou/" + organizationId + "/*",
        org + "root/" + organizationId + "/*", backupPolicies)));
    attach.set("Condition", condition("StringEquals", "organizations:PolicyType", "BACKUP_POLICY"));
    List<ObjectNode> statements = new ArrayList<>(List.of(read, readPolicies, create, modify, tag, attach));
    for (JsonNode extra : extraStatements) {
      statements.add((ObjectNode) extra.deepCopy());
    }
    return document(Map.of(), statements.toArray(ObjectNode[]::new));
  }

  /**
   * The key of a notification topic: the owning account administers it through IAM; AWS Backup,
   * publishing for this account only, may use it to encrypt messages of the topic ("Configuring
   * AWS KMS permissions", Amazon SNS Developer Guide: a service that publishes to an encrypted topic
   * needs kms:GenerateDataKey* and kms:Decrypt).
   */
  static Document topicKeyPolicy(String accountId) {
    return topicKeyPolicy(accountId, true, false);
  }

  /**
   * A topic key's policy naming the services that publish to the topic: AWS Backup (vault events)
   * and EventBridge (organization_events rules), each acting for this account only ("Configuring
   * AWS KMS permissions", Amazon SNS Developer Guide: events.amazonaws.com publishing to an
   * encrypted topic needs kms:GenerateDataKey* and kms:Decrypt).
   */
  static Document topicKeyPolicy(String accountId, boolean backup, boolean events) {
    List<ObjectNode> statements = new ArrayList<>(List.of(ownerAdministersTheKey(accountId)));
    if (backup) {
      statements.add(serviceStatement("AllowAwsBackupToPublishToTheEncryptedTopic", BACKUP_SERVICE,
          Json.array(TOPIC_KEY_ACTIONS), "*", condition("StringEquals", "aws:SourceAccount", accountId)));
    }
    if (events) {
      statements.add(serviceStatement("AllowEventBridgeToPublishToTheEncryptedTopic", EVENTS_SERVICE,
          Json.array(TOPIC_KEY_ACTIONS), "*", condition("StringEquals", "aws:SourceAccount", accountId)));
    }
    return document(Map.of(), statements.toArray(ObjectNode[]::new));
  }

  /** An Allow statement for an AWS service principal, acting only under {@code condition}. */
  private static ObjectNode serviceStatement(String sid, String service, JsonNode actions, String resource,
      ObjectNode condition) {
    ObjectNode statement = statement(sid, "Allow");
    statement.set("Principal", servicePrincipal(service));
    statement.set("Action", actions);
    statement.put("Resource", resource);
    statement.set("Condition", condition);
    return statement;
  }

  /**
   * A notification topic's policy: exactly AWS Backup, acting for this account, may publish
   * ("Using Amazon SNS to track AWS Backup events", AWS Backup Developer Guide; aws:SourceAccount
   * against the confused deputy). The owning account's own identities need no statement: their
   * IAM policies suffice within the account.
   *
   * @param topicArn the topic's ARN, written literally: it is known before apply (account, region
   *     and name), and the access matrix simulates the policy as AWS receives it
   * @param queueArns SQS queues of other accounts of the catalogue subscribed to the topic: their
   *     accounts may subscribe exactly them
   */
  static Document topicPolicy(String accountId, String topicArn) {
    return topicPolicy(accountId, topicArn, true, List.of(), List.of());
  }

  /**
   * A topic's policy for its publishers: AWS Backup acting for this account (vault events), and
   * EventBridge for exactly the listed rules (aws:SourceArn; "Amazon SNS permissions", Using
   * resource-based policies for Amazon EventBridge); and for the accounts of subscribed queues.
   */
  static Document topicPolicy(String accountId, String topicArn, boolean backup, List<String> eventRuleArns,
      List<String> queueArns) {
    List<ObjectNode> statements = new ArrayList<>();
    JsonNode publish = JsonNodeFactory.instance.textNode("SNS:Publish");
    if (backup) {
      statements.add(serviceStatement("AllowAwsBackupOfThisAccountToPublish", BACKUP_SERVICE, publish, topicArn,
          condition("StringEquals", "aws:SourceAccount", accountId)));
    }
    if (!eventRuleArns.isEmpty()) {
      statements.add(serviceStatement("AllowTheJobEventRulesToPublish", EVENTS_SERVICE, publish, topicArn,
          condition("ArnEquals", "aws:SourceArn", Json.array(eventRuleArns))));
    }
    for (int i = 0; i < queueArns.size(); i++) {
      statements.add(queueSubscription(topicArn, queueArns.get(i), i + 1));
    }
    return document(Map.of(), statements.toArray(ObjectNode[]::new));
  }

  /**
   * The trust policy of the role EventBridge assumes to forward job events: EventBridge, acting for
   * rules of this account only (aws:SourceAccount).
   */
  static Document eventForwardingTrustPolicy(String accountId) {
    ObjectNode statement = statement("AllowEventBridgeOfThisAccountToAssumeTheRole", "Allow");
    statement.set("Principal", servicePrincipal(EVENTS_SERVICE));
    statement.put("Action", "sts:AssumeRole");
    statement.set("Condition", condition("StringEquals", "aws:SourceAccount", accountId));
    return document(Map.of(), statement);
  }

  /** The forwarding role's permissions: events:PutEvents on exactly the receiving buses. */
  static String putEventsPolicy(List<String> busArns) {
    ObjectNode statement = statement("PutJobEventsOnTheReceivingBuses", "Allow");
    statement.put("Action", "events:PutEvents");
    statement.set("Resource", busArns.size() == 1 ? JsonNodeFactory.instance.textNode(busArns.get(0)) : Json.array(busArns));
    return Json.pretty(documentNode(statement));
  }

  /**
   * A receiving bus's policy: the catalogue's accounts may put events, and only through their
   * forwarding roles (aws:PrincipalArn). The roles are named in the condition, not as principals,
   * so the policy can be set before they exist ("Permissions for event buses in Amazon EventBridge").
   *
   * @param senders account id -> its forwarding role's ARN
   */
  static Document eventBusPolicy(String busArn, Map<String, String> senders) {
    ObjectNode statement = statement("AllowTheCatalogueAccountsToForwardJobEvents", "Allow");
    statement.set("Principal", awsPrincipal(senders.keySet().stream().sorted().map(IamDocuments::rootOf).toList()));
    statement.put("Action", "events:PutEvents");
    statement.put("Resource", busArn);
    statement.set("Condition", condition("ArnEquals", "aws:PrincipalArn",
        Json.array(senders.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList())));
    return document(Map.of(), statement);
  }

  /**
   * Lets the account of an SQS queue subscribe exactly that queue to the topic: the queue owner
   * creates the subscription, which then needs no confirmation ("Sending Amazon SNS messages to an
   * Amazon SQS queue in a different account", Amazon SNS Developer Guide), and the condition keys
   * sns:Protocol and sns:Endpoint of Subscribe requests ("Amazon SNS API permissions: Actions and
   * resources reference") keep it to that one queue.
   */
  private static ObjectNode queueSubscription(String topicArn, String queueArn, int index) {
    ObjectNode subscribe = statement("AllowTheQueueAccountToSubscribeItsQueue" + index, "Allow");
    subscribe.set("Principal", awsPrincipal(List.of(rootOf(queueArn.split(":")[4]))));
    subscribe.put("Action", "SNS:Subscribe");
    subscribe.put("Resource", topicArn);
    ObjectNode inner = Json.object();
    inner.put("sns:Protocol", "sqs");
    inner.put("sns:Endpoint", queueArn);
    ObjectNode condition = Json.object();
    condition.set("StringEquals", inner);
    subscribe.set("Condition", condition);
    return subscribe;
  }

  /** A key's first statement: the owning account administers it through IAM, so it can never be locked out. */
  private static ObjectNode ownerAdministersTheKey(String accountId) {
    ObjectNode admin = statement("EnableIamPoliciesOfTheOwningAccount", "Allow");
    admin.set("Principal", awsPrincipal(List.of(rootOf(accountId))));
    admin.put("Action", "kms:*");
    admin.put("Resource", "*");
    return admin;
  }

  static String rootOf(String accountId) {
    return "arn:aws:iam::" + accountId + ":root";
  }

  private static ObjectNode everyone() {
    ObjectNode everyone = Json.object();
    everyone.put("AWS", "*");
    return everyone;
  }

  private static ObjectNode statement(String sid, String effect) {
    ObjectNode statement = Json.object();
    statement.put("Sid", sid);
    statement.put("Effect", effect);
    return statement;
  }

  private static ObjectNode servicePrincipal(String service) {
    ObjectNode principal = Json.object();
    principal.put("Service", service);
    return principal;
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
    return condition(operator, key, JsonNodeFactory.instance.textNode(value));
  }

  private static ObjectNode condition(String operator, String key, JsonNode values) {
    ObjectNode inner = Json.object();
    inner.set(key, values);
    ObjectNode condition = Json.object();
    condition.set(operator, inner);
    return condition;
  }

  private static ObjectNode documentNode(ObjectNode... statements) {
    ObjectNode document = Json.object();
    document.put("Version", "2012-10-17");
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (ObjectNode statement : statements) {
      array.add(statement);
    }
    document.set("Statement", array);
    return document;
  }

  /**
   * The rendered document: every string value equal to a key of {@code references} is written as
   * that Terraform reference; the size is the compact document with the literal values, as the
   * provider sends it (it normalises policy JSON before the API call).
   */
  static Document document(Map<String, String> references, ObjectNode... statements) {
    ObjectNode node = documentNode(statements);
    String text = Json.pretty(node);
    List<String> used = new ArrayList<>();
    for (var reference : references.entrySet()) {
      String literal = Json.minified(JsonNodeFactory.instance.textNode(reference.getKey()));
      if (text.contains(literal)) {
        text = text.replace(literal, "\"${" + reference.getValue() + "}\"");
        used.add(reference.getValue());
      }
    }
    return new Document(text, used, Json.minified(node).getBytes(StandardCharsets.UTF_8).length);
  }
}
