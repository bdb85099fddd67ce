package io.github.backupcatalogue.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.backupcatalogue.plan.Model.Module;
import io.github.backupcatalogue.plan.Model.Output;
import io.github.backupcatalogue.plan.Model.Vault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may do what with the backups, as the catalogue intends it: a list of questions, each a
 * request (principal, action, resource, context) and the decision AWS must reach. It is derived
 * from the same plan the templates render, not from the rendered text; the verification tier
 * answers every question with an IAM policy evaluator over the generated policy documents. The
 * questions about a module's resources are written with that module ({@code access-matrix.json}
 * and a table in its README), so a large organization never holds the whole matrix at once; the
 * top-level README summarises them per account.
 */
public final class AccessMatrix {

  public static final String FILE = "access-matrix.json";
  static final String OUTSIDE_ACCOUNT = "999988887777";
  static final String OUTSIDE_ORGANIZATION = "o-zzzzzzzzzz";
  static final String ADMINISTRATOR = "AdministratorAccess";

  /** One question, in plain words and as the request to simulate. */
  public record Question(
      String id, String account, String question, String principal, List<Map<String, String>> identity, String action,
      String resource, String resourceAccount, Map<String, String> resourcePolicy, Map<String, Object> context,
      String expected) {
    public Question {
      identity = List.copyOf(identity);
      context = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(context));
    }
  }

  private final Output output;
  private final String organizationId;
  private final Map<String, Module> byName = new LinkedHashMap<>();
  private final Map<String, String> deployers = new LinkedHashMap<>();
  private List<Question> questions = new ArrayList<>();

  /** The matrix of a planned output, asked module by module. */
  public AccessMatrix(Output output) {
    this.output = output;
    this.organizationId = output.modules().stream().filter(m -> m.prerequisites() != null)
        .map(m -> m.prerequisites().organizationId()).findFirst().orElse(null);
    for (Module m : output.modules()) {
      if (m.role() != null) {
        byName.put(m.accountName(), m);
      }
    }
  }

  /** Every question of a planned output (for tests; the renderer asks module by module). */
  public static List<Question> of(Output output) {
    AccessMatrix matrix = new AccessMatrix(output);
    List<Question> all = new ArrayList<>();
    output.modules().forEach(m -> all.addAll(matrix.questionsOf(m)));
    return all;
  }

  /** The questions about the resources of one module. */
  public List<Question> questionsOf(Module m) {
    questions = new ArrayList<>();
    build(m);
    return List.copyOf(questions);
  }

  /** A module's {@code access-matrix.json}: its questions, and the identity assumed to apply it. */
  public String json(Module module, List<Question> moduleQuestions) {
    ObjectNode document = Json.object();
    document.put("version", 1);
    if (organizationId != null) {
      document.put("organizationId", organizationId);
    }
    ObjectNode deployerMap = document.putObject("deployers");
    if (deployers.containsKey(module.path())) {
      deployerMap.put(module.path(), deployers.get(module.path()));
    }
    ArrayNode list = document.putArray("questions");
    for (Question q : moduleQuestions) {
      ObjectNode node = list.addObject();
      node.put("id", q.id());
      node.put("account", q.account());
      node.put("question", q.question());
      ObjectNode principal = node.putObject("principal");
      principal.put("arn", q.principal());
      ArrayNode identity = principal.putArray("identity");
      q.identity().forEach(i -> {
        ObjectNode entry = identity.addObject();
        i.forEach(entry::put);
      });
      node.put("action", q.action());
      node.put("resource", q.resource());
      node.put("resourceAccount", q.resourceAccount());
      if (q.resourcePolicy() == null) {
        node.putNull("resourcePolicy");
      } else {
        ObjectNode policy = node.putObject("resourcePolicy");
        q.resourcePolicy().forEach(policy::put);
      }
      ObjectNode context = node.putObject("context");
      q.context().forEach((k, v) -> {
        if (v instanceof List<?> values) {
          context.set(k, Json.array(values.stream().map(String::valueOf).toList()));
        } else {
          context.put(k, String.valueOf(v));
        }
      });
      node.put("expected", q.expected());
    }
    return Json.pretty(document) + "\n";
  }

  private void build(Module m) {
    if (m.role() == null) {
      for (Model.Topic t : m.topics()) {
        topic(m, t);
      }
    }
    if (m.jobEvents() != null) {
      jobEvents(m);
    }
    if (m.role() != null) {
      deployers.put(m.path(), m.providers().assumeRoleArn() != null ? m.providers().assumeRoleArn()
          : "arn:aws:iam::" + m.accountId() + ":role/Deployer");
      role(m);
      for (Vault v : m.vaults()) {
        vault(m, v);
      }
      for (Model.Topic t : m.topics()) {
        topic(m, t);
      }
      if (m.restoreTestingRole() != null) {
        restoreTesting(m);
      }
      if (m.malwareScannerRole() != null) {
        malwareScanner(m);
      }
      for (Model.Key k : m.keys()) {
        Map<String, String> keyPolicy = policy(m.path(), "aws_kms_key." + k.resourceName(), "policy");
        String keyArn = keyArn(k.region(), m.accountId(), k.vault());
        String where = "the key of vault " + k.vault() + " in " + k.region();
        ask(m.accountName(), m.path() + "/key/" + k.resourceName() + "/backup-role-GenerateDataKey", "the account's own backup "
            + "role may encrypt with " + where, roleArn(m), identityOf(m), "kms:GenerateDataKey", keyArn, m.accountId(), keyPolicy,
            Map.of(), "Allowed");
        ask(m.accountName(), m.path() + "/key/" + k.resourceName() + "/backup-role-CreateGrant", "the account's own backup "
            + "role may grant " + where + " to AWS Backup", roleArn(m), identityOf(m), "kms:CreateGrant", keyArn, m.accountId(),
            keyPolicy, Map.of("kms:GrantIsForAWSResource", "true"), "Allowed");
        namedRoleKeys(m, k, keyPolicy, keyArn, where);
        ask(m.accountName(), m.path() + "/key/" + k.resourceName() + "/root-manages-key",
            "the account itself may still manage the key of vault " + k.vault() + " in " + k.region() + " (no lock-out)",
            rootOf(m.accountId()), List.of(), "kms:PutKeyPolicy", keyArn(k.region(), m.accountId(), k.vault()), m.accountId(),
            policy(m.path(), "aws_kms_key." + k.resourceName(), "policy"), Map.of(), "Allowed");
      }
    }
    if (m.management() != null && m.management().resourcePolicy() != null) {
      management(m);
    }
  }

  private void role(Module m) {
    String role = roleArn(m);
    Map<String, String> trust = policy(m.path(), "aws_iam_role." + m.role().resourceName(), "assume_role_policy");
    ask(m.accountName(), m.path() + "/assume/backup-service", "AWS Backup may assume the backup role", "backup.amazonaws.com",
        List.of(), "sts:AssumeRole", role, m.accountId(), trust, Map.of("aws:SourceAccount", m.accountId()), "Allowed");
    ask(m.accountName(), m.path() + "/assume/other-service", "another AWS service (EC2) may not assume the backup role",
        "ec2.amazonaws.com", List.of(), "sts:AssumeRole", role, m.accountId(), trust, Map.of("aws:SourceAccount", m.accountId()),
        "Denied");
    ask(m.accountName(), m.path() + "/assume/other-account", "a principal of an account outside the organization may not "
        + "assume the backup role", "arn:aws:iam::" + OUTSIDE_ACCOUNT + ":role/Administrator", managed(ADMINISTRATOR),
        "sts:AssumeRole", role, m.accountId(), trust, Map.of("aws:PrincipalOrgID", OUTSIDE_ORGANIZATION), "Denied");
    for (Model.Role r : m.namedRoles()) {
      String arn = arnOf(m, r);
      Map<String, String> namedTrust = policy(m.path(), "aws_iam_role." + r.resourceName(), "assume_role_policy");
      String base = m.path() + "/assume/" + r.resourceName() + "/";
      ask(m.accountName(), base + "backup-service", "AWS Backup may assume the backup role " + r.name() + " (" + r.source()
          + ")", Planner.BACKUP_PRINCIPAL, List.of(), "sts:AssumeRole", arn, m.accountId(), namedTrust,
          Map.of("aws:SourceAccount", m.accountId()), "Allowed");
      ask(m.accountName(), base + "other-account", "a principal of an account outside the organization may not assume the "
          + "backup role " + r.name(), "arn:aws:iam::" + OUTSIDE_ACCOUNT + ":role/Administrator", managed(ADMINISTRATOR),
          "sts:AssumeRole", arn, m.accountId(), namedTrust, Map.of("aws:PrincipalOrgID", OUTSIDE_ORGANIZATION), "Denied");
    }
  }

  /**
   * The account's named backup roles and its keys: a role whose selections back up or copy into the
   * key's vault may encrypt with it; the others may not (the key policy names only those).
   */
  private void namedRoleKeys(Module m, Model.Key k, Map<String, String> keyPolicy, String keyArn, String where) {
    for (Model.Role r : m.namedRoles()) {
      boolean named = k.policy().references().contains("aws_iam_role." + r.resourceName() + ".arn");
      ask(m.accountName(), m.path() + "/key/" + k.resourceName() + "/" + r.resourceName() + "-GenerateDataKey", "the backup "
          + "role " + r.name() + (named ? ", whose selections use vault " + k.vault() + ", may" : ", whose selections do not use "
          + "vault " + k.vault() + ", may not") + " encrypt with " + where, arnOf(m, r), identityOf(m, r),
          "kms:GenerateDataKey", keyArn, m.accountId(), keyPolicy, Map.of(), named ? "Allowed" : "Denied");
    }
  }

  private void vault(Module m, Vault v) {
    if (v.accessPolicy() == null) {
      return;
    }
    String vaultArn = "arn:aws:backup:" + v.region() + ":" + m.accountId() + ":backup-vault:" + v.name();
    String recoveryPoint = "arn:aws:backup:" + v.region() + ":" + m.accountId() + ":recovery-point:example";
    Map<String, String> policy = policy(m.path(), "aws_backup_vault_policy." + v.resourceName(), "policy");
    String where = "vault " + v.name() + " in " + v.region();
    String base = m.path() + "/vault/" + v.resourceName() + "/";
    String text = v.accessPolicy().text();
    if (text.contains("DenyDeletingOrShorteningRecoveryPoints")) {
      String admin = "arn:aws:iam::" + m.accountId() + ":role/Administrator";
      for (String action : IamDocuments.RECOVERY_POINT_ACTIONS) {
        ask(m.accountName(), base + "admin-" + short_(action), "the account's administrator (AdministratorAccess) may not "
            + words(action) + " in " + where, admin, managed(ADMINISTRATOR), action, recoveryPoint, m.accountId(), policy,
            Map.of(), "ExplicitlyDenied");
      }
      for (String action : IamDocuments.VAULT_PROTECTION_ACTIONS) {
        ask(m.accountName(), base + "admin-" + short_(action), "the account's administrator (AdministratorAccess) may not "
            + words(action) + " of " + where, admin, managed(ADMINISTRATOR), action, vaultArn, m.accountId(), policy, Map.of(),
            "ExplicitlyDenied");
      }
      String deployer = deployers.get(m.path());
      ask(m.accountName(), base + "deployer-PutBackupVaultAccessPolicy", "the identity applying the module may change the "
          + "access policy of " + where, deployer, managed(ADMINISTRATOR), "backup:PutBackupVaultAccessPolicy", vaultArn,
          m.accountId(), policy, Map.of(), "Allowed");
      ask(m.accountName(), base + "deployer-DeleteRecoveryPoint", "the identity applying the module may not delete recovery "
          + "points in " + where, deployer, managed(ADMINISTRATOR), "backup:DeleteRecoveryPoint", recoveryPoint, m.accountId(),
          policy, Map.of(), "ExplicitlyDenied");
      String breakGlass = breakGlass(text);
      if (breakGlass != null) {
        ask(m.accountName(), base + "break-glass-DeleteRecoveryPoint", "the break-glass role may delete recovery points in "
            + where, breakGlass, managed(ADMINISTRATOR), "backup:DeleteRecoveryPoint", recoveryPoint, m.accountId(), policy,
            Map.of(), "Allowed");
        ask(m.accountName(), base + "break-glass-PutBackupVaultAccessPolicy", "the break-glass role may change the access "
            + "policy of " + where, breakGlass, managed(ADMINISTRATOR), "backup:PutBackupVaultAccessPolicy", vaultArn,
            m.accountId(), policy, Map.of(), "Allowed");
      }
    }
    for (String source : v.copiesFrom()) {
      Module s = byName.get(source);
      ask(m.accountName(), base + "copy-from-" + source, "the backup role of " + source + " may copy into " + where,
          roleArn(s), identityOf(s), "backup:CopyIntoBackupVault", vaultArn, m.accountId(), policy, Map.of(), "Allowed");
      if (v.keyResource() != null) {
        Map<String, String> key = policy(m.path(), "aws_kms_key." + v.keyResource(), "policy");
        String keyArn = keyArn(v.region(), m.accountId(), v.name());
        Map<String, Object> aliases = Map.of("kms:ResourceAliases", List.of(Planner.keyAlias(v.name())));
        for (String action : List.of("kms:GenerateDataKey", "kms:Decrypt", "kms:Encrypt", "kms:DescribeKey")) {
          ask(m.accountName(), base + "key-" + source + "-" + short_(action), "the backup role of " + source + " may use ("
              + action + ") the key of " + where, roleArn(s), identityOf(s), action, keyArn, m.accountId(), key, aliases, "Allowed");
        }
        Map<String, Object> grant = new LinkedHashMap<>(aliases);
        grant.put("kms:GrantIsForAWSResource", "true");
        ask(m.accountName(), base + "key-" + source + "-CreateGrant", "the backup role of " + source + " may grant the key of "
            + where + " to AWS Backup", roleArn(s), identityOf(s), "kms:CreateGrant", keyArn, m.accountId(), key, grant, "Allowed");
        ask(m.accountName(), base + "key-" + source + "-CreateGrant-not-for-aws", "the backup role of " + source + " may not "
            + "grant the key of " + where + " to anything but an AWS resource", roleArn(s), identityOf(s), "kms:CreateGrant", keyArn,
            m.accountId(), key, Map.of("kms:ResourceAliases", List.of(Planner.keyAlias(v.name())),
                "kms:GrantIsForAWSResource", "false"), "Denied");
      }
    }
    for (String source : v.copiesFrom()) {
      Module s = byName.get(source);
      for (Model.Role r : s.namedRoles()) {
        boolean named = text.contains("\"" + arnOf(s, r) + "\"");
        ask(m.accountName(), base + "copy-from-" + source + "-" + r.resourceName(), "the backup role " + r.name() + " of "
            + source + (named ? ", whose selections copy here, may" : ", whose selections do not copy here, may not")
            + " copy into " + where, arnOf(s, r), identityOf(s, r), "backup:CopyIntoBackupVault", vaultArn, m.accountId(),
            policy, Map.of(), named ? "Allowed" : "Denied");
        if (named && v.keyResource() != null) {
          ask(m.accountName(), base + "key-" + source + "-" + r.resourceName() + "-GenerateDataKey", "the backup role "
              + r.name() + " of " + source + " may encrypt with the key of " + where, arnOf(s, r), identityOf(s, r),
              "kms:GenerateDataKey", keyArn(v.region(), m.accountId(), v.name()), m.accountId(),
              policy(m.path(), "aws_kms_key." + v.keyResource(), "policy"),
              Map.of("kms:ResourceAliases", List.of(Planner.keyAlias(v.name()))), "Allowed");
        }
      }
    }
    if (!v.copiesFrom().isEmpty() && v.keyResource() != null) {
      // The key is shared with the source accounts for copies back: their own administrators may
      // decrypt with it too (they still need a recovery point shared with them to read anything).
      Module s = byName.get(v.copiesFrom().get(0));
      ask(m.accountName(), base + "key-shared-with-" + s.accountName() + "-administrator", "an administrator of "
          + s.accountName() + " may decrypt with the key of " + where + ", which is shared with that account for "
          + "copies back", "arn:aws:iam::" + s.accountId() + ":role/Administrator", managed(ADMINISTRATOR), "kms:Decrypt",
          keyArn(v.region(), m.accountId(), v.name()), m.accountId(), policy(m.path(), "aws_kms_key." + v.keyResource(), "policy"),
          Map.of(), "Allowed");
    }
    if (!v.copiesFrom().isEmpty()) {
      Module s = byName.get(v.copiesFrom().get(0));
      String outside = "arn:aws:iam::" + OUTSIDE_ACCOUNT + ":role" + s.role().path() + s.role().name();
      ask(m.accountName(), base + "copy-from-outside-the-organization", "a role of the same name in an account outside the "
          + "organization may not copy into " + where, outside, managed(ADMINISTRATOR), "backup:CopyIntoBackupVault", vaultArn,
          m.accountId(), policy, Map.of("aws:PrincipalOrgID", OUTSIDE_ORGANIZATION), "Denied");
      for (Module other : byName.values()) {
        if (!v.copiesFrom().contains(other.accountName()) && !other.accountName().equals(m.accountName())) {
          ask(m.accountName(), base + "copy-from-" + other.accountName() + "-denied", "the backup role of "
              + other.accountName() + ", which does not copy here, may not copy into " + where, roleArn(other), identityOf(other),
              "backup:CopyIntoBackupVault", vaultArn, m.accountId(), policy, Map.of(), "Denied");
          break;
        }
      }
    }
    if (v.restoresFrom() != null) {
      Module central = byName.get(v.restoresFrom());
      if (central != null) {
        ask(m.accountName(), base + "copy-back-from-" + central.accountName(), "the central account " + central.accountName()
            + " may copy recovery points back into " + where + " for a restore", roleArn(central), identityOf(central),
            "backup:CopyIntoBackupVault", vaultArn, m.accountId(), policy, Map.of(), "Allowed");
      }
      for (Module other : byName.values()) {
        if (!other.accountName().equals(v.restoresFrom()) && !other.accountName().equals(m.accountName())) {
          ask(m.accountName(), base + "copy-back-from-" + other.accountName() + "-denied", "another account of the "
              + "organization (" + other.accountName() + ") may not copy into " + where, roleArn(other), identityOf(other),
              "backup:CopyIntoBackupVault", vaultArn, m.accountId(), policy, Map.of(), "Denied");
          break;
        }
      }
    }
  }

  /** Who may publish to a notification topic, and use its key: exactly AWS Backup acting for this account. */
  private void topic(Module m, Model.Topic t) {
    String topicArn = "arn:aws:sns:" + t.region() + ":" + m.accountId() + ":" + t.name();
    Map<String, String> policy = policy(m.path(), "aws_sns_topic_policy." + t.resourceName(), "policy");
    String where = "topic " + t.name() + " in " + t.region();
    String base = m.path() + "/topic/" + t.resourceName() + "/";
    String backup = Planner.BACKUP_PRINCIPAL;
    Map<String, String> key = policy(m.path(), "aws_kms_key." + t.resourceName() + "_sns", "policy");
    String keyArn = "arn:aws:kms:" + t.region() + ":" + m.accountId() + ":key/sns-" + t.name().toLowerCase(java.util.Locale.ROOT)
        + "-0000";
    if (!t.vaults().isEmpty()) {
      ask(m.accountName(), base + "backup-Publish", "AWS Backup, acting for this account, may publish vault events to " + where,
          backup, List.of(), "SNS:Publish", topicArn, m.accountId(), policy, Map.of("aws:SourceAccount", m.accountId()), "Allowed");
      ask(m.accountName(), base + "backup-Publish-for-another-account", "AWS Backup acting for another account may not publish "
          + "to " + where, backup, List.of(), "SNS:Publish", topicArn, m.accountId(), policy,
          Map.of("aws:SourceAccount", OUTSIDE_ACCOUNT), "Denied");
    }
    if (t.eventRules().isEmpty()) {
      ask(m.accountName(), base + "other-service-Publish", "another AWS service (EventBridge) may not publish to " + where,
          "events.amazonaws.com", List.of(), "SNS:Publish", topicArn, m.accountId(), policy,
          Map.of("aws:SourceAccount", m.accountId()), "Denied");
    } else {
      for (String rule : t.eventRules()) {
        ask(m.accountName(), base + "events-Publish-" + rule.substring(rule.lastIndexOf('/') + 1), "EventBridge may publish "
            + "to " + where + " for the job event rule " + rule, "events.amazonaws.com", List.of(), "SNS:Publish", topicArn,
            m.accountId(), policy, Map.of("aws:SourceAccount", m.accountId(), "aws:SourceArn", rule), "Allowed");
      }
      String other = "arn:aws:events:" + t.region() + ":" + m.accountId() + ":rule/some-other-rule";
      ask(m.accountName(), base + "events-Publish-other-rule", "EventBridge may not publish to " + where + " for another rule "
          + "of the account", "events.amazonaws.com", List.of(), "SNS:Publish", topicArn, m.accountId(), policy,
          Map.of("aws:SourceAccount", m.accountId(), "aws:SourceArn", other), "Denied");
      ask(m.accountName(), base + "events-key-GenerateDataKey", "EventBridge, acting for this account, may encrypt messages of "
          + where + " with its key", "events.amazonaws.com", List.of(), "kms:GenerateDataKey", keyArn, m.accountId(), key,
          Map.of("aws:SourceAccount", m.accountId()), "Allowed");
      ask(m.accountName(), base + "events-key-for-another-account", "EventBridge acting for another account may not use the key "
          + "of " + where, "events.amazonaws.com", List.of(), "kms:GenerateDataKey", keyArn, m.accountId(), key,
          Map.of("aws:SourceAccount", OUTSIDE_ACCOUNT), "Denied");
    }
    ask(m.accountName(), base + "outside-account-Publish", "an administrator of an account outside the organization may not "
        + "publish to " + where, "arn:aws:iam::" + OUTSIDE_ACCOUNT + ":role/Administrator", managed(ADMINISTRATOR),
        "SNS:Publish", topicArn, m.accountId(), policy, Map.of("aws:PrincipalOrgID", OUTSIDE_ORGANIZATION), "Denied");
    subscriptions(m, topicArn, policy, where, base);
    if (!t.vaults().isEmpty()) {
      ask(m.accountName(), base + "backup-key-GenerateDataKey", "AWS Backup, acting for this account, may encrypt messages of "
          + where + " with its key", backup, List.of(), "kms:GenerateDataKey", keyArn, m.accountId(), key,
          Map.of("aws:SourceAccount", m.accountId()), "Allowed");
      ask(m.accountName(), base + "backup-key-for-another-account", "AWS Backup acting for another account may not use the key "
          + "of " + where, backup, List.of(), "kms:GenerateDataKey", keyArn, m.accountId(), key,
          Map.of("aws:SourceAccount", OUTSIDE_ACCOUNT), "Denied");
    }
    ask(m.accountName(), base + "root-manages-key", "the account itself may still manage the key of " + where
        + " (no lock-out)", rootOf(m.accountId()), List.of(), "kms:PutKeyPolicy", keyArn, m.accountId(), key, Map.of(), "Allowed");
  }

  /**
   * organization_events: each forwarding role may put events on its Region's receiving bus and on
   * nothing else; each receiving bus accepts exactly the catalogue's forwarding roles.
   */
  private void jobEvents(Module m) {
    var e = m.jobEvents();
    Module receiver = output.modules().stream().filter(x -> x.jobEvents() != null && !x.jobEvents().buses().isEmpty())
        .findFirst().orElse(null);
    if (e.forwardingRole() != null && receiver != null) {
      String role = arnOf(m, e.forwardingRole());
      for (Model.EventRule f : e.forwards()) {
        Model.EventBus bus = receiver.jobEvents().buses().stream().filter(b -> b.region().equals(f.region())).findFirst()
            .orElseThrow();
        Map<String, String> busPolicy = policy(receiver.path(), "aws_cloudwatch_event_bus_policy." + bus.resourceName(), "policy");
        String base = m.path() + "/job-events/" + f.resourceName() + "/";
        ask(m.accountName(), base + "forwarding-role-PutEvents", "the forwarding role may put job events on the event bus of "
            + receiver.accountName() + " in " + f.region(), role, identityOf(m, e.forwardingRole()), "events:PutEvents",
            f.targetArn(), receiver.accountId(), busPolicy, Map.of(), "Allowed");
        String defaultBus = "arn:aws:events:" + f.region() + ":" + receiver.accountId() + ":event-bus/default";
        ask(m.accountName(), base + "forwarding-role-PutEvents-default-bus", "the forwarding role may not put events on "
            + receiver.accountName() + "'s default event bus in " + f.region(), role, identityOf(m, e.forwardingRole()),
            "events:PutEvents", defaultBus, receiver.accountId(), null, Map.of(), "Denied");
      }
    }
    for (Model.EventBus b : e.buses()) {
      Map<String, String> busPolicy = policy(m.path(), "aws_cloudwatch_event_bus_policy." + b.resourceName(), "policy");
      String base = m.path() + "/job-events/" + b.resourceName() + "/";
      String where = "the event bus " + b.name() + " in " + b.region();
      b.senders().forEach((name, id) -> {
        Module sender = output.modules().stream().filter(x -> x.accountName().equals(name) && x.jobEvents() != null
            && x.jobEvents().forwardingRole() != null).findFirst().orElseThrow();
        ask(m.accountName(), base + name + "-forwarding-role-PutEvents", "the forwarding role of " + name + " may put events on "
            + where, arnOf(sender, sender.jobEvents().forwardingRole()), identityOf(sender, sender.jobEvents().forwardingRole()),
            "events:PutEvents", b.arn(), m.accountId(), busPolicy, Map.of(), "Allowed");
      });
      String first = b.senders().keySet().iterator().next();
      ask(m.accountName(), base + first + "-administrator-PutEvents", "an administrator of " + first + " (not its forwarding "
          + "role) may not put events on " + where, "arn:aws:iam::" + b.senders().get(first) + ":role/Administrator",
          managed(ADMINISTRATOR), "events:PutEvents", b.arn(), m.accountId(), busPolicy, Map.of(), "Denied");
      ask(m.accountName(), base + "outside-account-PutEvents", "a role of an account outside the catalogue may not put events "
          + "on " + where, "arn:aws:iam::" + OUTSIDE_ACCOUNT + ":role" + "/service-role/" + Planner.FORWARDING_ROLE,
          managed(ADMINISTRATOR), "events:PutEvents", b.arn(), m.accountId(), busPolicy,
          Map.of("aws:PrincipalOrgID", OUTSIDE_ORGANIZATION), "Denied");
    }
  }

  /**
   * Who may subscribe to a topic: the account of a subscribed SQS queue of another account may
   * subscribe exactly that queue (sns:Protocol, sns:Endpoint), nothing else; other accounts nothing.
   */
  private void subscriptions(Module m, String topicArn, Map<String, String> policy, String where, String base) {
    for (Module queueModule : output.modules()) {
      for (Model.QueueSubscription s : queueModule.queueSubscriptions()) {
        if (!s.topicArn().equals(topicArn)) {
          continue;
        }
        String admin = "arn:aws:iam::" + queueModule.accountId() + ":role/Administrator";
        String who = "an administrator of " + queueModule.accountName();
        String id = base + "subscribe-" + queueModule.accountName() + "-" + s.resourceName();
        ask(m.accountName(), id, who + " may subscribe its queue " + s.endpoint() + " to " + where, admin,
            managed(ADMINISTRATOR), "SNS:Subscribe", topicArn, m.accountId(), policy, subscribeContext("sqs", s.endpoint()),
            "Allowed");
        ask(m.accountName(), id + "-other-endpoint", who + " may not subscribe an email address to " + where, admin,
            managed(ADMINISTRATOR), "SNS:Subscribe", topicArn, m.accountId(), policy,
            subscribeContext("email", "someone@example.com"), "Denied");
        String queueName = s.endpoint().substring(s.endpoint().lastIndexOf(':') + 1);
        String otherQueue = s.endpoint().substring(0, s.endpoint().lastIndexOf(':') + 1) + queueName + "-other";
        ask(m.accountName(), id + "-other-queue", who + " may not subscribe another of its queues to " + where, admin,
            managed(ADMINISTRATOR), "SNS:Subscribe", topicArn, m.accountId(), policy, subscribeContext("sqs", otherQueue), "Denied");
        ask(m.accountName(), id + "-outside-account", "an administrator of an account outside the organization may not subscribe "
            + "the queue to " + where, "arn:aws:iam::" + OUTSIDE_ACCOUNT + ":role/Administrator", managed(ADMINISTRATOR),
            "SNS:Subscribe", topicArn, m.accountId(), policy, subscribeContext("sqs", s.endpoint()), "Denied");
        for (Module other : byName.values()) {
          if (!other.accountId().equals(queueModule.accountId()) && !other.accountId().equals(m.accountId())) {
            ask(m.accountName(), id + "-" + other.accountName() + "-denied", "an administrator of " + other.accountName()
                + ", whose queue is not subscribed, may not subscribe the queue to " + where,
                "arn:aws:iam::" + other.accountId() + ":role/Administrator", managed(ADMINISTRATOR), "SNS:Subscribe", topicArn,
                m.accountId(), policy, subscribeContext("sqs", s.endpoint()), "Denied");
            break;
          }
        }
      }
    }
  }

  private static Map<String, Object> subscribeContext(String protocol, String endpoint) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("sns:Protocol", protocol);
    context.put("sns:Endpoint", endpoint);
    return context;
  }

  /** The restore testing role: AWS Backup assumes it, it restores and reads the tested vaults' keys, and nothing else. */
  private void restoreTesting(Module m) {
    Model.Role r = m.restoreTestingRole();
    String role = arnOf(m, r);
    List<Map<String, String>> identity = identityOf(m, r);
    Map<String, String> trust = policy(m.path(), "aws_iam_role." + r.resourceName(), "assume_role_policy");
    String base = m.path() + "/restore-testing/";
    ask(m.accountName(), base + "assume/backup-service", "AWS Backup may assume the restore testing role", Planner.BACKUP_PRINCIPAL,
        List.of(), "sts:AssumeRole", role, m.accountId(), trust, Map.of("aws:SourceAccount", m.accountId()), "Allowed");
    ask(m.accountName(), base + "assume/other-service", "another AWS service (EC2) may not assume the restore testing role",
        "ec2.amazonaws.com", List.of(), "sts:AssumeRole", role, m.accountId(), trust, Map.of("aws:SourceAccount", m.accountId()),
        "Denied");
    String region = m.restoreTests().get(0).region();
    ask(m.accountName(), base + "restore-RDS", "the restore testing role may restore an RDS instance from a snapshot", role,
        identity, "rds:RestoreDBInstanceFromDBSnapshot", "arn:aws:rds:" + region + ":" + m.accountId() + ":db:restore-test",
        m.accountId(), null, Map.of(), "Allowed");
    ask(m.accountName(), base + "no-StartBackupJob", "the restore testing role may not start backup jobs", role, identity,
        "backup:StartBackupJob", "arn:aws:backup:" + region + ":" + m.accountId() + ":backup-vault:example", m.accountId(), null,
        Map.of(), "Denied");
    restoreTestingKeys(m, role, identity, base);
    for (Model.RestoreTest t : m.restoreTests()) {
      for (String vaultResource : t.vaultResources()) {
        Vault v = m.vaults().stream().filter(x -> x.address().equals(vaultResource)).findFirst().orElseThrow();
        if (v.keyResource() == null) {
          continue;
        }
        Map<String, String> key = policy(m.path(), "aws_kms_key." + v.keyResource(), "policy");
        String keyArn = keyArn(v.region(), m.accountId(), v.name());
        String where = "the key of vault " + v.name() + " in " + v.region();
        ask(m.accountName(), base + "key-" + v.resourceName() + "-Decrypt", "the restore testing role may decrypt with " + where
            + ", whose recovery points it restores", role, identity, "kms:Decrypt", keyArn, m.accountId(), key, Map.of(), "Allowed");
        ask(m.accountName(), base + "key-" + v.resourceName() + "-CreateGrant-not-for-aws", "the restore testing role may not "
            + "grant " + where + " to anything but an AWS resource", role, identity, "kms:CreateGrant", keyArn, m.accountId(), key,
            Map.of("kms:GrantIsForAWSResource", "false"), "Denied");
      }
    }
  }

  /**
   * The restore testing role and the account's own resource keys: the KMS grant (simulated as the
   * key-policy statement it amounts to; the key's own policy is not the catalogue's) lets exactly
   * that role use exactly the grant's operations, through RDS as restores do.
   */
  private void restoreTestingKeys(Module m, String role, List<Map<String, String>> identity, String base) {
    for (Model.KeyGrant g : m.keyGrants()) {
      if (!g.restoreTesting()) {
        continue;
      }
      Map<String, String> grant = policy(m.path(), "aws_kms_grant." + g.resourceName(), "grant");
      Map<String, Object> viaRds = Map.of("kms:ViaService", "rds." + g.region() + ".amazonaws.com");
      String where = "the resource key " + g.keyArn();
      String id = base + "resource-key-" + g.resourceName();
      ask(m.accountName(), id + "-Decrypt", "the restore testing role may decrypt with " + where + " through RDS, restoring "
          + "a snapshot it encrypts", role, identity, "kms:Decrypt", g.keyArn(), m.accountId(), grant, viaRds, "Allowed");
      ask(m.accountName(), id + "-CreateGrant", "the restore testing role may let RDS create a grant on " + where + " for the "
          + "restored database", role, identity, "kms:CreateGrant", g.keyArn(), m.accountId(), grant,
          Map.of("kms:ViaService", "rds." + g.region() + ".amazonaws.com", "kms:GrantIsForAWSResource", "true"), "Allowed");
      ask(m.accountName(), id + "-Encrypt", "the restore testing role may not encrypt with " + where + " (not an operation "
          + "of its grant)", role, identity, "kms:Encrypt", g.keyArn(), m.accountId(), grant, viaRds, "Denied");
      if (m.role() != null) {
        ask(m.accountName(), id + "-backup-role", "the backup role gets nothing from the restore testing role's grant on "
            + where, roleArn(m), identityOf(m), "kms:Decrypt", g.keyArn(), m.accountId(), grant, viaRds, "Denied");
      }
    }
  }

  /**
   * The malware scanner role: only GuardDuty Malware Protection assumes it; the backup role may pass
   * it to GuardDuty only; it reads (decrypts) the scanned vaults' keys and never encrypts with them,
   * starts no backups and deletes no recovery points.
   */
  private void malwareScanner(Module m) {
    Model.Role r = m.malwareScannerRole();
    String role = arnOf(m, r);
    List<Map<String, String>> identity = identityOf(m, r);
    Map<String, String> trust = policy(m.path(), "aws_iam_role." + r.resourceName(), "assume_role_policy");
    String base = m.path() + "/malware-scanner/";
    Map<String, Object> sameAccount = Map.of("aws:SourceAccount", m.accountId());
    ask(m.accountName(), base + "assume/guardduty", "GuardDuty Malware Protection may assume the malware scanner role",
        IamDocuments.GUARDDUTY_MALWARE_PROTECTION, List.of(), "sts:AssumeRole", role, m.accountId(), trust, sameAccount, "Allowed");
    ask(m.accountName(), base + "assume/backup-service", "AWS Backup may not assume the malware scanner role (it passes it to "
        + "GuardDuty)", Planner.BACKUP_PRINCIPAL, List.of(), "sts:AssumeRole", role, m.accountId(), trust, sameAccount, "Denied");
    ask(m.accountName(), base + "assume/other-account", "a principal of an account outside the organization may not assume "
        + "the malware scanner role", "arn:aws:iam::" + OUTSIDE_ACCOUNT + ":role/Administrator", managed(ADMINISTRATOR),
        "sts:AssumeRole", role, m.accountId(), trust, Map.of("aws:PrincipalOrgID", OUTSIDE_ORGANIZATION), "Denied");
    ask(m.accountName(), base + "backup-role-PassRole", "the backup role may pass the malware scanner role to GuardDuty "
        + "Malware Protection", roleArn(m), identityOf(m), "iam:PassRole", role, m.accountId(), null,
        Map.of("iam:PassedToService", IamDocuments.GUARDDUTY_MALWARE_PROTECTION), "Allowed");
    // AWS's AWSBackupServiceRolePolicyForRestores lets the backup role pass any role to EC2, EKS and AWS Backup (restores
    // create resources with roles); the scanner's trust refuses those services (assume/backup-service above)
    ask(m.accountName(), base + "backup-role-PassRole-other-service", "the backup role may not pass the malware scanner role "
        + "to a service outside AWS Backup's (Lambda)", roleArn(m), identityOf(m), "iam:PassRole", role, m.accountId(), null,
        Map.of("iam:PassedToService", "lambda.amazonaws.com"), "Denied");
    ask(m.accountName(), base + "assume/ec2", "EC2, to which AWS's restore policy lets the backup role pass roles, may not "
        + "assume the malware scanner role", "ec2.amazonaws.com", List.of(), "sts:AssumeRole", role, m.accountId(), trust,
        sameAccount, "Denied");
    String region = m.vaults().isEmpty() ? m.providers().homeRegion() : m.vaults().get(0).region();
    String recoveryPoint = "arn:aws:backup:" + region + ":" + m.accountId() + ":recovery-point:example";
    ask(m.accountName(), base + "DescribeRecoveryPoint", "the malware scanner role may read the recovery points it scans",
        role, identity, "backup:DescribeRecoveryPoint", recoveryPoint, m.accountId(), null, Map.of(), "Allowed");
    ask(m.accountName(), base + "no-DeleteRecoveryPoint", "the malware scanner role may not delete recovery points", role,
        identity, "backup:DeleteRecoveryPoint", recoveryPoint, m.accountId(), null, Map.of(), "Denied");
    ask(m.accountName(), base + "no-StartBackupJob", "the malware scanner role may not start backup jobs", role, identity,
        "backup:StartBackupJob", "arn:aws:backup:" + region + ":" + m.accountId() + ":backup-vault:example", m.accountId(), null,
        Map.of(), "Denied");
    for (Model.Key k : m.keys()) {
      if (!k.policy().references().contains(IamDocuments.MALWARE_SCANNER_ROLE_REFERENCE)) {
        continue;
      }
      Map<String, String> key = policy(m.path(), "aws_kms_key." + k.resourceName(), "policy");
      String keyArn = keyArn(k.region(), m.accountId(), k.vault());
      String where = "the key of vault " + k.vault() + " in " + k.region();
      Map<String, Object> viaBackup = Map.of("kms:ViaService", "backup." + k.region() + ".amazonaws.com");
      ask(m.accountName(), base + "key-" + k.resourceName() + "-Decrypt", "the malware scanner role may decrypt with " + where
          + ", whose S3 recovery points GuardDuty scans, through AWS Backup", role, identity, "kms:Decrypt", keyArn, m.accountId(),
          key, viaBackup, "Allowed");
      ask(m.accountName(), base + "key-" + k.resourceName() + "-no-direct-Decrypt", "the malware scanner role may not decrypt "
          + "with " + where + " other than through AWS Backup", role, identity, "kms:Decrypt", keyArn, m.accountId(), key,
          Map.of(), "Denied");
      ask(m.accountName(), base + "key-" + k.resourceName() + "-no-GenerateDataKey", "the malware scanner role may not encrypt "
          + "with " + where, role, identity, "kms:GenerateDataKey", keyArn, m.accountId(), key, Map.of(), "Denied");
    }
  }

  private void management(Module m) {
    var admins = m.management().delegatedAdministrators().stream()
        .filter(d -> d.servicePrincipal().equals(Planner.BACKUP_PRINCIPAL)).toList();
    if (admins.isEmpty()) {
      return;
    }
    var admin = admins.get(0);
    String principal = "arn:aws:iam::" + admin.accountId() + ":role/Administrator";
    Map<String, String> policy = policy(m.path(), "aws_organizations_resource_policy.backup_policy_delegation", "content");
    String org = "arn:aws:organizations::" + m.accountId() + ":";
    String backupPolicy = org + "policy/" + organizationId + "/backup_policy/p-examplebackup";
    String base = m.path() + "/delegation/";
    Map<String, Object> backup = Map.of("organizations:PolicyType", "BACKUP_POLICY");
    String who = "the delegated administrator " + admin.name();
    for (String action : List.of("CreatePolicy", "UpdatePolicy", "DeletePolicy", "TagResource", "UntagResource")) {
      ask(admin.name(), base + action + "-backup-policy", who + " may " + action + " a backup policy", principal,
          managed(ADMINISTRATOR), "organizations:" + action, backupPolicy, m.accountId(), policy, backup, "Allowed");
    }
    String rootId = output.modules().stream().filter(x -> x.prerequisites() != null).map(x -> x.prerequisites().rootId())
        .findFirst().orElse("r-example");
    for (String target : List.of(org + "root/" + organizationId + "/" + rootId, org + "ou/" + organizationId + "/ou-example-12345678",
        org + "account/" + organizationId + "/" + admin.accountId())) {
      String kind = target.substring(target.indexOf(':', 20) + 1).split("/")[0];
      ask(admin.name(), base + "AttachPolicy-" + kind, who + " may attach a backup policy to a " + kind, principal,
          managed(ADMINISTRATOR), "organizations:AttachPolicy", target, m.accountId(), policy, backup, "Allowed");
    }
    // Policy types the catalogue's own statements delegate are theirs to answer for.
    for (String type : List.of("SERVICE_CONTROL_POLICY", "TAG_POLICY")) {
      if (m.management().delegatedPolicyTypes().contains(type)) {
        continue;
      }
      String policyArn = org + "policy/" + organizationId + "/" + type.toLowerCase(java.util.Locale.ROOT) + "/p-example";
      for (String action : List.of("CreatePolicy", "UpdatePolicy", "TagResource")) {
        ask(admin.name(), base + action + "-" + type, who + " may not " + action + " a " + type, principal,
            managed(ADMINISTRATOR), "organizations:" + action, policyArn, m.accountId(), policy,
            Map.of("organizations:PolicyType", type), "Denied");
      }
    }
    ask(admin.name(), base + "UpdatePolicy-other-organization", who + " may not change a backup policy of another organization",
        principal, managed(ADMINISTRATOR), "organizations:UpdatePolicy",
        org + "policy/" + OUTSIDE_ORGANIZATION + "/backup_policy/p-examplebackup", m.accountId(), policy, backup, "Denied");
  }

  // ------------------------------------------------------------------ helpers

  private void ask(String account, String id, String question, String principal, List<Map<String, String>> identity,
      String action, String resource, String resourceAccount, Map<String, String> resourcePolicy, Map<String, Object> context,
      String expected) {
    questions.add(new Question(id, account, question, principal, identity, action, resource, resourceAccount, resourcePolicy,
        context, expected));
  }

  private static String roleArn(Module m) {
    return "arn:aws:iam::" + m.accountId() + ":role" + m.role().path() + m.role().name();
  }

  private static String arnOf(Module m, Model.Role r) {
    return "arn:aws:iam::" + m.accountId() + ":role" + r.path() + r.name();
  }

  private static List<Map<String, String>> identityOf(Module m, Model.Role r) {
    Map<String, String> role = new LinkedHashMap<>();
    role.put("module", m.path());
    role.put("address", "aws_iam_role." + r.resourceName());
    return List.of(role);
  }

  private static List<Map<String, String>> identityOf(Module m) {
    // a LinkedHashMap, not Map.of: Map.of's iteration order changes from one JVM run to the next
    Map<String, String> role = new LinkedHashMap<>();
    role.put("module", m.path());
    role.put("address", "aws_iam_role." + m.role().resourceName());
    return List.of(role);
  }

  private static List<Map<String, String>> managed(String name) {
    return List.of(Map.of("managed", name));
  }

  private static Map<String, String> policy(String module, String address, String attribute) {
    Map<String, String> policy = new LinkedHashMap<>();
    policy.put("module", module);
    policy.put("address", address);
    policy.put("attribute", attribute);
    return policy;
  }

  private static String rootOf(String accountId) {
    return IamDocuments.rootOf(accountId);
  }

  /** A key's ARN: its id is not known before apply; the key policy is what decides. */
  private static String keyArn(String region, String accountId, String vault) {
    return "arn:aws:kms:" + region + ":" + accountId + ":key/" + vault.toLowerCase(java.util.Locale.ROOT) + "-0000";
  }

  private static String short_(String action) {
    return action.substring(action.indexOf(':') + 1).replace("*", "");
  }

  private static String words(String action) {
    return switch (action) {
      case "backup:DeleteRecoveryPoint" -> "delete recovery points";
      case "backup:UpdateRecoveryPointLifecycle" -> "shorten the retention of recovery points";
      case "backup:DeleteBackupVault" -> "delete the vault";
      case "backup:DeleteBackupVaultAccessPolicy" -> "delete the access policy";
      case "backup:PutBackupVaultAccessPolicy" -> "replace the access policy";
      case "backup:DeleteBackupVaultLockConfiguration" -> "remove the lock";
      case "backup:PutBackupVaultLockConfiguration" -> "change the lock";
      default -> action;
    };
  }

  /** The break-glass role the plan wrote into the vault policy's recovery-point deny, if any. */
  private static String breakGlass(String policyText) {
    try {
      for (var statement : new com.fasterxml.jackson.databind.ObjectMapper().readTree(policyText).get("Statement")) {
        if (statement.get("Sid").asText().equals("DenyDeletingOrShorteningRecoveryPoints") && statement.has("Condition")) {
          return statement.get("Condition").get("ArnNotEquals").get("aws:PrincipalArn").asText();
        }
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a generated vault policy is always JSON", e);
    }
    return null;
  }
}
