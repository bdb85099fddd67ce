package io.github.backupcatalogue.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.Organization;
import io.github.backupcatalogue.plan.Model.Dependency;
import io.github.backupcatalogue.plan.Model.Document;
import io.github.backupcatalogue.plan.Model.Module;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which module must be applied before which, derived from what the planned modules name, and the
 * apply levels that follow: a module's level is one more than the highest level of the modules it
 * depends on, so the modules of one level are independent of each other and a pipeline may apply
 * them in parallel. The dependencies:
 *
 * <ul>
 *   <li>a KMS key policy or a vault access policy that names another account's backup role: the role
 *       must exist when the policy is set (KMS rejects a key policy whose principals do not exist);
 *   <li>a backup policy: every account that receives it needs the backup role and the vaults its
 *       rules name, and the vaults it copies into must exist;
 *   <li>a module that manages organization policies or the baseline StackSet from a delegated
 *       administrator needs the registration and the Organizations resource policy of the management
 *       module; backup policies that copy into another account need the cross-account backup
 *       setting it turns on;
 *   <li>a module forwarding AWS Backup job events (notifications.organization_events) needs the
 *       receiving account's event bus and its policy: EventBridge checks the bus policy when the
 *       rule's target is put (PutTargets), so the receiving module goes first. The bus policy names
 *       the forwarding roles in a condition, not as principals, so it needs nothing of theirs.
 *   <li>the AWS RAM share of an air-gapped vault: RAM's sharing with AWS Organizations, which the
 *       management module enables, must be on;
 *   <li>a subscription of an SQS queue to a topic of another account: the topic, and its policy
 *       letting the queue's account subscribe, must exist.
 * </ul>
 *
 * Nothing else orders modules: a member account's module names nothing another module creates
 * (account roots always exist), so it is applied beside the management module.
 */
final class ApplyDependencies {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern VAULT_ARN = Pattern.compile("arn:aws:backup:([a-z0-9-]+):(\\d{12}):backup-vault:([A-Za-z0-9_.-]+)");

  private ApplyDependencies() {}

  /**
   * The modules with their dependencies and levels, sorted by level (the planner's order within a
   * level) and numbered again from 1.
   *
   * @throws IllegalStateException when modules depend on each other in a cycle (a planner bug)
   */
  static List<Module> order(Catalogue c, List<Module> modules) {
    Map<String, List<Dependency>> dependencies = new HashMap<>();
    for (Module module : modules) {
      dependencies.put(module.path(), dependenciesOf(c, module, modules));
    }
    Map<String, Integer> levels = levels(modules, dependencies);
    List<Module> sorted = new ArrayList<>(modules);
    sorted.sort(Comparator.comparingInt(m -> levels.get(m.path())));
    Map<String, Integer> position = new HashMap<>();
    sorted.forEach(m -> position.put(m.path(), position.size()));
    List<Module> ordered = new ArrayList<>();
    for (Module module : sorted) {
      List<Dependency> inOrder = new ArrayList<>(dependencies.get(module.path()));
      inOrder.sort(Comparator.comparingInt(d -> position.get(d.path())));
      ordered.add(module.ordered(ordered.size() + 1, levels.get(module.path()), inOrder));
    }
    return ordered;
  }

  /**
   * Level 1 for a module without dependencies, else one more than its highest dependency.
   *
   * @throws IllegalStateException naming the modules of a dependency cycle
   */
  static Map<String, Integer> levels(List<Module> modules, Map<String, List<Dependency>> dependencies) {
    Map<String, Integer> levels = new LinkedHashMap<>();
    Map<String, Boolean> visiting = new HashMap<>();
    for (Module module : modules) {
      level(module.path(), dependencies, levels, visiting, new ArrayList<>());
    }
    return levels;
  }

  private static int level(String path, Map<String, List<Dependency>> dependencies, Map<String, Integer> levels,
      Map<String, Boolean> visiting, List<String> chain) {
    Integer known = levels.get(path);
    if (known != null) {
      return known;
    }
    chain.add(path);
    if (visiting.putIfAbsent(path, true) != null) {
      throw new IllegalStateException("modules depend on each other in a cycle: "
          + String.join(" -> ", chain.subList(chain.indexOf(path), chain.size())));
    }
    int level = 1;
    for (Dependency dependency : dependencies.getOrDefault(path, List.of())) {
      if (!dependencies.containsKey(dependency.path())) {
        throw new IllegalStateException("module " + path + " depends on " + dependency.path() + ", which is not planned");
      }
      level = Math.max(level, 1 + level(dependency.path(), dependencies, levels, visiting, chain));
    }
    chain.remove(chain.size() - 1);
    levels.put(path, level);
    return level;
  }

  private static List<Dependency> dependenciesOf(Catalogue c, Module module, List<Module> modules) {
    Map<String, String> roleOwners = new HashMap<>();
    Map<String, String> vaultOwners = new HashMap<>();
    Map<String, String> accountModules = new HashMap<>();
    for (Module m : modules) {
      if (m.role() != null) {
        roleOwners.put("arn:aws:iam::" + m.accountId() + ":role" + m.role().path() + m.role().name(), m.path());
        m.namedRoles().forEach(r -> roleOwners.put("arn:aws:iam::" + m.accountId() + ":role" + r.path() + r.name(), m.path()));
        accountModules.put(m.accountName(), m.path());
      }
      m.vaults().forEach(v -> vaultOwners.put(vaultArn(v.region(), m.accountId(), v.name()), m.path()));
    }
    Map<String, String> found = new LinkedHashMap<>();
    Consumer<Dependency> add = d -> {
      if (!d.path().equals(module.path())) {
        found.putIfAbsent(d.path(), d.reason());
      }
    };
    for (var key : module.keys()) {
      for (String principal : principals(key.policy())) {
        String owner = roleOwners.get(principal);
        if (owner != null) {
          add.accept(new Dependency(owner, "the key policy of vault " + key.vault() + " (" + key.region() + ") names the backup "
              + "role " + principal + ", and KMS rejects a key policy whose principals do not exist"));
        }
      }
    }
    for (var vault : module.vaults()) {
      for (String principal : principals(vault.accessPolicy())) {
        String owner = roleOwners.get(principal);
        if (owner != null) {
          add.accept(new Dependency(owner, "the access policy of vault " + vault.name() + " (" + vault.region()
              + ") names the backup role " + principal + ", which must exist"));
        }
      }
    }
    for (var subscription : module.queueSubscriptions()) {
      add.accept(new Dependency(subscription.topicModule(), "it subscribes " + subscription.endpoint() + " to topic "
          + subscription.topicArn() + ", which must exist with the topic policy that lets this account subscribe the queue"));
    }
    Module management = modules.stream().filter(m -> m.management() != null).findFirst().orElse(null);
    boolean copiesAcrossAccounts = false;
    for (var policy : module.policies()) {
      Matcher arns = VAULT_ARN.matcher(policy.content());
      while (arns.find()) {
        String owner = vaultOwners.get(arns.group());
        if (owner != null) {
          add.accept(new Dependency(owner, "backup policy " + policy.name() + " copies into " + arns.group()
              + ", which must exist"));
        }
        copiesAcrossAccounts = true;
      }
      for (var attachment : policy.attachments()) {
        for (String account : receivingAccounts(c, attachment)) {
          String owner = accountModules.get(account);
          if (owner != null) {
            add.accept(new Dependency(owner, "backup policy " + policy.name() + " (attached to " + attachment.targetKind()
                + " " + attachment.targetName() + ") runs its plans in account " + account
                + " with the backup role and the vaults this module creates, which must exist"));
          }
        }
      }
    }
    if (management != null && management != module) {
      boolean organizationLevel = !module.policies().isEmpty() || module.stackSet() != null;
      management.management().delegatedAdministrators().stream()
          .filter(d -> organizationLevel && d.accountId().equals(module.accountId()))
          .findFirst()
          .ifPresent(d -> add.accept(new Dependency(management.path(), "this module manages the organization's backup "
              + "policies or StackSets from " + d.name() + ", which the management module registers as delegated "
              + "administrator for " + d.servicePrincipal()
              + (management.management().resourcePolicy() != null ? " (with the Organizations resource policy)" : ""))));
      for (var vault : module.vaults()) {
        if (vault.airGapped() != null && !vault.airGapped().shareWith().isEmpty()
            && management.management().ramSharingFor().contains(vault.name())) {
          add.accept(new Dependency(management.path(), "the AWS RAM share of air-gapped vault " + vault.name() + " ("
              + vault.region() + ") admits only accounts of the organization, without invitations, once the management "
              + "module has enabled RAM's sharing with AWS Organizations"));
        }
      }
      if (copiesAcrossAccounts && management.management().globalSettings().containsKey("isCrossAccountBackupEnabled")) {
        add.accept(new Dependency(management.path(), "its backup policies copy into another account, which needs AWS "
            + "Backup's cross-account backup setting that the management module turns on"));
      }
    }
    if (module.jobEvents() != null && !module.jobEvents().forwards().isEmpty()) {
      modules.stream().filter(m -> m.jobEvents() != null && !m.jobEvents().buses().isEmpty()).findFirst()
          .ifPresent(receiver -> add.accept(new Dependency(receiver.path(), "its rules forward AWS Backup job events to the "
              + "event bus " + Planner.EVENT_BUS + " of " + receiver.accountName() + " ("
              + String.join(", ", module.jobEvents().forwards().stream().map(Model.EventRule::region).toList())
              + "; notifications.organization_events), whose policy EventBridge checks when the targets are put")));
    }
    List<Dependency> result = new ArrayList<>();
    found.forEach((path, reason) -> result.add(new Dependency(path, reason)));
    return result;
  }

  static String vaultArn(String region, String accountId, String name) {
    return "arn:aws:backup:" + region + ":" + accountId + ":backup-vault:" + name;
  }

  /** The accounts of the catalogue an attachment reaches: all for the root, those below an OU, or the one account. */
  private static List<String> receivingAccounts(Catalogue c, Model.Attachment attachment) {
    Organization org = c.organization();
    return switch (attachment.targetKind()) {
      case "account" -> List.of(attachment.targetName());
      case "root" -> List.copyOf(org.accounts().keySet());
      default -> org.accounts().entrySet().stream()
          .filter(e -> Scope.isBelow(org, e.getValue().ou(), attachment.targetName()))
          .map(Map.Entry::getKey).toList();
    };
  }

  /** The AWS principals (ARNs) of every statement of a policy document. */
  static List<String> principals(Document document) {
    if (document == null) {
      return List.of();
    }
    JsonNode root;
    try {
      root = JSON.readTree(document.text());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a planned policy document is not JSON: " + e.getOriginalMessage(), e);
    }
    List<String> principals = new ArrayList<>();
    JsonNode statements = root.path("Statement");
    for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
      JsonNode aws = statement.path("Principal").path("AWS");
      if (aws.isTextual()) {
        principals.add(aws.asText());
      }
      aws.forEach(p -> principals.add(p.asText()));
    }
    return principals;
  }
}
