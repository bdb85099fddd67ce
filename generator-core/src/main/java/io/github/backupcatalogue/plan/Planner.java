package io.github.backupcatalogue.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.CopyAction;
import io.github.backupcatalogue.catalogue.KeyType;
import io.github.backupcatalogue.catalogue.Lifecycle;
import io.github.backupcatalogue.catalogue.Organization;
import io.github.backupcatalogue.catalogue.Plan;
import io.github.backupcatalogue.catalogue.PolicyManagement;
import io.github.backupcatalogue.catalogue.Selection;
import io.github.backupcatalogue.catalogue.State;
import io.github.backupcatalogue.catalogue.StateBackend;
import io.github.backupcatalogue.catalogue.SubscriptionProtocol;
import io.github.backupcatalogue.plan.Model.Backend;
import io.github.backupcatalogue.catalogue.PolicyStatement;
import io.github.backupcatalogue.plan.Model.Attachment;
import io.github.backupcatalogue.plan.Model.Coverage;
import io.github.backupcatalogue.plan.Model.Document;
import io.github.backupcatalogue.plan.Model.InlinePolicy;
import io.github.backupcatalogue.plan.Model.KeyGrant;
import io.github.backupcatalogue.plan.Model.Prerequisites;
import io.github.backupcatalogue.plan.Model.RegionSettings;
import io.github.backupcatalogue.plan.Model.StackSet;
import io.github.backupcatalogue.plan.Model.TrustedAccess;
import io.github.backupcatalogue.validate.BackupJobEvents;
import io.github.backupcatalogue.validate.BackupVaultEvents;
import io.github.backupcatalogue.validate.ResourceTypes;
import io.github.backupcatalogue.plan.Model.AirGapped;
import io.github.backupcatalogue.plan.Model.RestoreTest;
import io.github.backupcatalogue.plan.Model.Topic;
import io.github.backupcatalogue.plan.Model.TopicSubscription;
import io.github.backupcatalogue.plan.Model.VaultNotification;
import io.github.backupcatalogue.plan.Model.BackupPlan;
import io.github.backupcatalogue.plan.Model.DelegatedAdministrator;
import io.github.backupcatalogue.plan.Model.Key;
import io.github.backupcatalogue.plan.Model.Lock;
import io.github.backupcatalogue.plan.Model.ManagedPolicy;
import io.github.backupcatalogue.plan.Model.Management;
import io.github.backupcatalogue.plan.Model.Module;
import io.github.backupcatalogue.plan.Model.OrgPolicy;
import io.github.backupcatalogue.plan.Model.Output;
import io.github.backupcatalogue.plan.Model.PlanCopy;
import io.github.backupcatalogue.plan.Model.PlanLifecycle;
import io.github.backupcatalogue.plan.Model.PlanRule;
import io.github.backupcatalogue.plan.Model.PlanSelection;
import io.github.backupcatalogue.plan.Model.Providers;
import io.github.backupcatalogue.plan.Model.RegionProvider;
import io.github.backupcatalogue.plan.Model.Role;
import io.github.backupcatalogue.plan.Model.SelectionCondition;
import io.github.backupcatalogue.plan.Model.SelectionTag;
import io.github.backupcatalogue.plan.Model.Vault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Stage 3, plan: a valid catalogue -> one {@link Module} per account that needs one, in apply order:
 * the dependencies between modules (and so their apply levels) are derived from what each module's
 * documents name by {@link ApplyDependencies}: a key or vault policy naming the backup roles of the
 * accounts copying in, a backup policy naming the vaults and roles of every account receiving it,
 * the policies module relying on the delegated administrator and settings of the management module.
 */
public final class Planner {

  static final String BACKUP_POLICY = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup";
  static final String RESTORE_POLICY = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores";
  static final String S3_BACKUP_POLICY = "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup";
  static final String S3_RESTORE_POLICY = "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore";
  /** Lets GuardDuty read the recovery points it scans (AWS managed policy for the scanner role). */
  static final String SCANNER_POLICY = "arn:aws:iam::aws:policy/AWSBackupGuardDutyRolePolicyForScans";
  static final String BACKUP_PRINCIPAL = "backup.amazonaws.com";
  static final String STACKSETS_PRINCIPAL = "member.org.stacksets.cloudformation.amazonaws.com";
  /** AWS Backup's global settings as DescribeGlobalSettings returns them. */
  static final List<String> GLOBAL_SETTINGS = List.of("isCrossAccountBackupEnabled", "isDelegatedAdministratorEnabled", "isMpaEnabled");
  /** What a KMS grant for a cross-account copy of a resource's backup lets the destination account do. */
  static final List<String> RESOURCE_KEY_GRANT_OPERATIONS =
      List.of("CreateGrant", "Decrypt", "DescribeKey", "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom", "ReEncryptTo");

  private final Catalogue c;
  private final Scope scope;
  private final String catalogueName;
  /** The account receiving organization_events, or null. */
  private final String eventsReceiver;
  /** Subscriptions of SQS queues to topics of other accounts, by the queue's account, gathered while planning topics. */
  private final Map<String, List<Model.QueueSubscription>> queueSubscriptions = new TreeMap<>();

  private Planner(Catalogue catalogue, String catalogueName) {
    this.c = catalogue;
    this.scope = Scope.of(catalogue);
    this.catalogueName = catalogueName;
    this.eventsReceiver = eventsReceiver(catalogue);
  }

  /** The account receiving notifications.organization_events, or null when there are none. */
  public static String eventsReceiver(Catalogue c) {
    var events = c.notifications().organizationEvents();
    if (events == null || c.organization() == null) {
      return null;
    }
    var org = c.organization();
    return events.account() != null ? events.account()
        : org.delegatedAdministrators().isEmpty() ? org.managementAccount() : org.delegatedAdministrators().get(0);
  }

  /** Plans the output of a catalogue that passed validation. */
  public static Output plan(Catalogue catalogue, String catalogueName) {
    return new Planner(catalogue, catalogueName).plan();
  }

  private Output plan() {
    List<Module> modules = new ArrayList<>();
    if (c.singleAccount()) {
      modules.add(singleAccountModule());
      return output(ApplyDependencies.order(c, modules));
    }
    Organization org = c.organization();
    modules.add(managementModule(modules.size() + 1));
    String central = org.centralBackupAccount();
    for (String account : scope.plansByAccount().keySet()) {
      if (!account.equals(central)) {
        modules.add(accountModule(modules.size() + 1, account));
      }
    }
    if (central != null && (scope.plansByAccount().containsKey(central) || !scope.centralSources().isEmpty())) {
      modules.add(accountModule(modules.size() + 1, central));
    }
    if (eventsReceiver != null && !moduleAccounts().contains(eventsReceiver)) {
      modules.add(accountModule(modules.size() + 1, eventsReceiver));
    }
    queueSubscriptions.forEach((account, subscriptions) -> modules.add(subscriptionsModule(modules.size() + 1, account, subscriptions)));
    if (!c.policies().isEmpty()) {
      modules.add(policiesModule(modules.size() + 1));
    }
    return output(ApplyDependencies.order(c, modules));
  }

  private Output output(List<Module> modules) {
    State state = c.deployment().state();
    Backend backend = null;
    if (state != null && state.backend() == StateBackend.S3) {
      Map<String, String> keys = new TreeMap<>();
      modules.forEach(m -> keys.put(m.path(), state.key(m.path())));
      backend = new Backend(state.bucket(), state.region(), state.roleArn(), keys);
    }
    return new Output(catalogueName, modules, pipelines(), backend, ModuleSummaries.of(c, scope, modules, backend), List.of(), null);
  }

  /** deployment.pipelines as the renderer needs it, or null when no engine is listed. */
  private Model.PipelineSettings pipelines() {
    var p = c.deployment().pipelines();
    if (p.engines().isEmpty()) {
      return null;
    }
    List<String> engines = p.engines().stream().distinct()
        .map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList();
    return new Model.PipelineSettings(engines, p.directory(), p.roleArn(), p.effectivePlanRoleArn(), p.planAssumeRoleName(),
        p.defaultBranch(), p.terraformVersion());
  }

  // ------------------------------------------------------------------ modules

  private Module managementModule(int order) {
    Organization org = c.organization();
    String managementId = accountId(org.managementAccount());
    List<DelegatedAdministrator> admins = new ArrayList<>(org.delegatedAdministrators().stream()
        .map(name -> new DelegatedAdministrator(Identifiers.of(name), name, accountId(name), BACKUP_PRINCIPAL,
            "manages AWS Backup for the organization"))
        .toList());
    String policyAccount = org.policyAccount();
    if (org.baseline() != null && !policyAccount.equals(org.managementAccount())) {
      admins.add(new DelegatedAdministrator(Identifiers.of(policyAccount) + "_stacksets", policyAccount,
          accountId(policyAccount), STACKSETS_PRINCIPAL, "creates the baseline StackSet (organization.baseline)"));
    }
    Document resourcePolicy = org.policyManagement() == PolicyManagement.DELEGATED_ADMINISTRATOR
        ? IamDocuments.organizationsResourcePolicy(managementId, org.id(),
            org.delegatedAdministrators().stream().map(this::accountId).toList(),
            org.resourcePolicyStatements().stream().map(Planner::statement).toList())
        : null;
    Map<String, String> global = new LinkedHashMap<>();
    if (c.settings().crossAccountBackup()) {
      global.put("isCrossAccountBackupEnabled", "true");
    }
    List<String> unmanaged = GLOBAL_SETTINGS.stream().filter(k -> !global.containsKey(k)).toList();
    List<String> delegatedTypes = org.resourcePolicyStatements().stream()
        .flatMap(st -> st.condition().values().stream())
        .flatMap(keys -> keys.getOrDefault("organizations:PolicyType", List.of()).stream())
        .distinct().sorted().toList();
    Management management = new Management(admins, resourcePolicy, global, unmanaged, delegatedTypes, sharedAirGappedVaults(),
        "organization, settings");
    String home = homeRegion(org.managementAccount());
    return new Module(order, "management", org.managementAccount(), managementId,
        "Organization-level AWS Backup setup in the management account: delegated administrators, the Organizations "
            + "resource policy for backup policies, and AWS Backup's global settings; its plan first checks the "
            + "organization's prerequisites.",
        List.of(), 0, List.of(), providers(org.managementAccount(), home, List.of()), management, List.of(), null, List.of(),
        List.of(), List.of(), List.of(), null, null, List.of(), List.of(), List.of(), List.of(), prerequisites(true), List.of(), null,
        List.of(), List.of(), null, List.of());
  }

  /**
   * The air-gapped vaults the central account shares through AWS RAM. Their shares admit only
   * principals of the organization ({@code allow_external_principals = false}), which AWS RAM
   * treats as such, without invitations, only once sharing with AWS Organizations is enabled from
   * the management account ("Sharing your AWS resources" and EnableSharingWithAwsOrganization, AWS
   * RAM): until then accounts of the organization are treated as external accounts.
   */
  private List<String> sharedAirGappedVaults() {
    String central = c.organization().centralBackupAccount();
    if (central == null) {
      return List.of();
    }
    List<String> shared = new ArrayList<>();
    // as addVault: share_with, or by default the accounts copying in (the central account aside)
    scope.centralSources().forEach((vault, byRegion) -> {
      var airGap = c.vaults().get(vault).airGapped();
      boolean sharesWithSomeone = airGap != null && (airGap.shareWith() != null ? !airGap.shareWith().isEmpty()
          : byRegion.values().stream().anyMatch(sources -> sources.stream().anyMatch(s -> !s.equals(central))));
      if (sharesWithSomeone) {
        shared.add(vault);
      }
    });
    return shared;
  }

  /** The organization facts a module's plan checks; the management module also checks trusted access. */
  private Prerequisites prerequisites(boolean management) {
    Organization org = c.organization();
    List<TrustedAccess> trusted = new ArrayList<>();
    if (management && c.settings().crossAccountMonitoring()) {
      trusted.add(new TrustedAccess(BACKUP_PRINCIPAL, "settings.cross_account_monitoring: jobs of every account are "
          + "visible to the management account and delegated administrators"));
    }
    if (org.baseline() != null) {
      trusted.add(new TrustedAccess(STACKSETS_PRINCIPAL, "organization.baseline: service-managed StackSets"));
    }
    return new Prerequisites(org.id(), org.rootId(), !c.policies().isEmpty(), trusted);
  }

  /** A catalogue statement as IAM JSON: single values stay lists (IAM accepts both). */
  private static JsonNode statement(PolicyStatement s) {
    ObjectNode node = Json.object();
    node.put("Sid", s.sid());
    node.put("Effect", s.effect());
    ObjectNode principal = Json.object();
    s.principal().forEach((k, v) -> principal.set(k, Json.array(v)));
    node.set("Principal", principal);
    node.set("Action", Json.array(s.action()));
    node.set("Resource", Json.array(s.resource()));
    if (!s.condition().isEmpty()) {
      ObjectNode condition = Json.object();
      s.condition().forEach((operator, keys) -> {
        ObjectNode inner = Json.object();
        keys.forEach((k, v) -> inner.set(k, Json.array(v)));
        condition.set(operator, inner);
      });
      node.set("Condition", condition);
    }
    return node;
  }

  private Module accountModule(int order, String account) {
    String centralName = c.organization() == null ? null : c.organization().centralBackupAccount();
    boolean central = account.equals(centralName);
    List<Key> keys = new ArrayList<>();
    List<Vault> vaults = new ArrayList<>();
    var copyBack = scope.copyBackVaults().getOrDefault(account, new TreeMap<>());
    scope.memberVaults().getOrDefault(account, new TreeMap<>()).forEach((vault, vaultRegions) -> {
      for (String region : vaultRegions) {
        boolean restores = !central && copyBack.getOrDefault(vault, new TreeSet<>()).contains(region);
        addVault(account, vault, region, List.of(), restores ? centralName : null, keys, vaults);
      }
    });
    if (central) {
      scope.centralSources().forEach((vault, byRegion) -> byRegion.forEach((region, sources) -> {
        addVault(account, vault, region, sources.stream().filter(s -> !s.equals(account)).toList(), null, keys, vaults);
      }));
    }
    String home = homeRegion(account);
    String purpose = central
        ? "The central backup account: the vaults other accounts copy into, with keys and access policies that "
            + "name exactly the source accounts' backup roles, and its own backup role."
        : "Member account in scope of backup plans: the backup role and the vaults the plans target, each with "
            + "its customer-managed KMS key, lock and access policy, and AWS Backup's Region settings.";
    boolean receiverOnly = !moduleAccounts().contains(account);
    if (receiverOnly) {
      purpose = "The account receiving every account's AWS Backup job events (notifications.organization_events): an "
          + "event bus per Region, whose policy lets exactly the catalogue's forwarding roles put events, and a rule "
          + "publishing them to the topic.";
    }
    List<RegionSettings> settings = regionSettings(account);
    List<KeyGrant> grants = new ArrayList<>(keyGrants(account));
    grants.addAll(restoreTestingKeyGrants(account, restoreTests(vaults)));
    Model.JobEvents jobEvents = jobEvents(account);
    List<Topic> topics = topics(account, vaults);
    SortedSet<String> used = new TreeSet<>(usedRegions(keys, vaults, List.of(), settings, grants));
    if (jobEvents != null) {
      jobEvents.forwards().forEach(r -> used.add(r.region()));
      jobEvents.buses().forEach(b -> used.add(b.region()));
      jobEvents.ownJobs().forEach(r -> used.add(r.region()));
    }
    topics.forEach(t -> used.add(t.region()));
    List<String> regions = List.copyOf(used);
    return new Module(order, "accounts/" + account, account, accountId(account), purpose, List.of(), 0, List.of(),
        providers(account, home, regions), null, List.of(), receiverOnly ? null : role(account),
        receiverOnly ? List.of() : namedRoles(account), keys,
        vaults, topics, restoreTestingRole(account, vaults), receiverOnly ? null : malwareScannerRole(account),
        restoreTests(vaults), List.of(), settings, grants,
        null, List.of(), null, frameworks(account, regions), List.of(), jobEvents, List.of());
  }

  // ------------------------------------------------------------------ organization_events

  /** The forwarding rules' name (on each account's default event bus). */
  static final String FORWARD_RULE = "backup-catalogue-forward-job-events";
  /** The receiving event bus's name, in every Region it receives in. */
  static final String EVENT_BUS = "backup-catalogue-job-events";
  /** The rule on the receiving bus, and the receiving account's own rule on its default bus. */
  static final String ALERT_RULE = "backup-catalogue-job-alerts";
  static final String OWN_ALERT_RULE = "backup-catalogue-own-job-alerts";
  /** The role EventBridge assumes to forward (path and permissions boundary: the backup role's). */
  static final String FORWARDING_ROLE = "BackupCatalogueJobEventForwarding";

  /** The accounts that get an account module for their plans or central vaults. */
  private SortedSet<String> moduleAccounts() {
    SortedSet<String> accounts = new TreeSet<>(scope.plansByAccount().keySet());
    String central = c.organization() == null ? null : c.organization().centralBackupAccount();
    if (central != null && (scope.plansByAccount().containsKey(central) || !scope.centralSources().isEmpty())) {
      accounts.add(central);
    }
    return accounts;
  }

  /**
   * The Regions where an account's jobs run and so emit their events: its plans' Regions (backup
   * jobs, and the copy jobs they start, run in the source Region) and its vaults' Regions (restores,
   * and copies made from them, such as a central vault's copies back).
   */
  private SortedSet<String> jobRegions(String account) {
    SortedSet<String> regions = new TreeSet<>(scope.backupRegions().getOrDefault(account, new TreeSet<>()));
    scope.memberVaults().getOrDefault(account, new TreeMap<>()).values().forEach(regions::addAll);
    if (account.equals(c.organization().centralBackupAccount())) {
      scope.centralSources().values().forEach(byRegion -> regions.addAll(byRegion.keySet()));
    }
    return regions;
  }

  private String forwardingRoleArn(String account) {
    return "arn:aws:iam::" + accountId(account) + ":role" + c.backupRole().path() + FORWARDING_ROLE;
  }

  private String busArn(String region) {
    return "arn:aws:events:" + region + ":" + accountId(eventsReceiver) + ":event-bus/" + EVENT_BUS;
  }

  /** Region -> the accounts forwarding job events there (every module account but the receiver). */
  private SortedMap<String, SortedMap<String, String>> senders() {
    SortedMap<String, SortedMap<String, String>> senders = new TreeMap<>();
    for (String account : moduleAccounts()) {
      if (!account.equals(eventsReceiver)) {
        jobRegions(account).forEach(r -> senders.computeIfAbsent(r, k -> new TreeMap<>()).put(account, accountId(account)));
      }
    }
    return senders;
  }

  /** The Regions where the receiving account gets its topic: where others forward to it, and where its own jobs run. */
  private SortedSet<String> receivingRegions() {
    SortedSet<String> regions = new TreeSet<>(senders().keySet());
    if (moduleAccounts().contains(eventsReceiver)) {
      regions.addAll(jobRegions(eventsReceiver));
    }
    return regions;
  }

  /** The event pattern of the catalogue's job types and states: one branch per job type that has a listed state. */
  private Document jobEventPattern() {
    var events = c.notifications().organizationEvents();
    List<com.fasterxml.jackson.databind.node.ObjectNode> branches = new ArrayList<>();
    for (String name : events.jobTypes()) {
      var type = BackupJobEvents.TYPES.get(name);
      List<String> states = BackupJobEvents.statesOf(type, events.states());
      if (states.isEmpty()) {
        continue;
      }
      var branch = Json.object();
      branch.set("detail-type", Json.array(List.of(type.detailType())));
      branch.putObject("detail").set(type.stateField(), Json.array(states));
      branches.add(branch);
    }
    if (events.jobTypes().contains(BackupJobEvents.SCAN)) {
      // a scan that found malware completes normally: its result says so
      var threats = Json.object();
      threats.set("detail-type", Json.array(List.of(BackupJobEvents.TYPES.get(BackupJobEvents.SCAN).detailType())));
      threats.putObject("detail").putObject("scanResult").set("scanResultStatus", Json.array(List.of(BackupJobEvents.THREATS_FOUND)));
      branches.add(threats);
    }
    var pattern = Json.object();
    pattern.set("source", Json.array(List.of("aws.backup")));
    if (branches.size() == 1) {
      pattern.setAll(branches.get(0));
    } else {
      pattern.putArray("$or").addAll(branches);
    }
    String text = Json.pretty(pattern);
    return new Document(text, List.of(), Json.minified(pattern).getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
  }

  /** An account's part of organization_events: forwarding rules, or the receiving buses; null when it has none. */
  private Model.JobEvents jobEvents(String account) {
    if (eventsReceiver == null) {
      return null;
    }
    String source = "notifications.organization_events";
    Document pattern = jobEventPattern();
    if (!account.equals(eventsReceiver)) {
      List<Model.EventRule> forwards = new ArrayList<>();
      for (String region : jobRegions(account)) {
        forwards.add(new Model.EventRule(Identifiers.regional("forward_job_events", region), FORWARD_RULE, region,
            regionProvider(region).alias(), "Forwards AWS Backup job events to " + eventsReceiver + " (backup-catalogue)", pattern,
            EVENT_BUS, busArn(region), null));
      }
      if (forwards.isEmpty()) {
        return null;
      }
      var r = c.backupRole();
      Role role = new Role("job_event_forwarding", FORWARDING_ROLE, r.path(), r.permissionsBoundary(),
          IamDocuments.eventForwardingTrustPolicy(accountId(account)), List.of(),
          List.of(new InlinePolicy("job_event_forwarding", "backup-catalogue-put-job-events",
              source + ": the role may put events on exactly the receiving buses of " + eventsReceiver,
              IamDocuments.putEventsPolicy(forwards.stream().map(Model.EventRule::targetArn).toList()))),
          source);
      return new Model.JobEvents(eventsReceiver, role, forwards, List.of(), List.of(), source);
    }
    String topic = c.notifications().organizationEvents().topic();
    List<Model.EventBus> buses = new ArrayList<>();
    senders().forEach((region, accounts) -> {
      Map<String, String> roles = new TreeMap<>();
      accounts.forEach((name, id) -> roles.put(id, forwardingRoleArn(name)));
      buses.add(new Model.EventBus(Identifiers.regional("job_events", region), EVENT_BUS, region, regionProvider(region).alias(),
          busArn(region), IamDocuments.eventBusPolicy(busArn(region), roles), accounts,
          new Model.EventRule(Identifiers.regional("job_alerts", region), ALERT_RULE, region, regionProvider(region).alias(),
              "Publishes the job events other accounts forward to topic " + topic + " (backup-catalogue)", pattern,
              "backup-catalogue-topic", null, "aws_sns_topic." + Identifiers.regional(topic, region))));
    });
    List<Model.EventRule> own = new ArrayList<>();
    if (moduleAccounts().contains(account)) {
      for (String region : jobRegions(account)) {
        own.add(new Model.EventRule(Identifiers.regional("own_job_alerts", region), OWN_ALERT_RULE, region,
            regionProvider(region).alias(), "Publishes this account's own job events to topic " + topic + " (backup-catalogue)",
            pattern, "backup-catalogue-topic", null, "aws_sns_topic." + Identifiers.regional(topic, region)));
      }
    }
    return new Model.JobEvents(eventsReceiver, null, List.of(), buses, own, source);
  }

  /** The ARNs of the receiving account's rules publishing to its topic in a Region. */
  private List<String> alertRuleArns(String region) {
    String prefix = "arn:aws:events:" + region + ":" + accountId(eventsReceiver) + ":rule/";
    List<String> arns = new ArrayList<>();
    if (senders().containsKey(region)) {
      arns.add(prefix + EVENT_BUS + "/" + ALERT_RULE);
    }
    if (moduleAccounts().contains(eventsReceiver) && jobRegions(eventsReceiver).contains(region)) {
      arns.add(prefix + OWN_ALERT_RULE);
    }
    return arns;
  }

  /** Region settings wherever the account backs up or receives cross-account copies. */
  private List<RegionSettings> regionSettings(String account) {
    SortedSet<String> regions = new TreeSet<>(scope.selectedTypes().getOrDefault(account, new TreeMap<>()).keySet());
    regions.addAll(scope.crossAccountCopyTypes().getOrDefault(account, new TreeMap<>()).keySet());
    List<RegionSettings> settings = new ArrayList<>();
    for (String region : regions) {
      SortedSet<String> optIn = new TreeSet<>();
      scope.selectedTypes().getOrDefault(account, new TreeMap<>()).getOrDefault(region, new TreeSet<>())
          .forEach(t -> optIn.add(ResourceTypes.regionSetting(t)));
      SortedSet<String> full = new TreeSet<>();
      scope.crossAccountCopyTypes().getOrDefault(account, new TreeMap<>()).getOrDefault(region, new TreeSet<>()).stream()
          .filter(ResourceTypes::needsFullManagementPreference).forEach(t -> full.add(ResourceTypes.regionSetting(t)));
      if (optIn.isEmpty() && full.isEmpty()) {
        continue;
      }
      List<String> unmanaged = ResourceTypes.allRegionSettings().stream().filter(k -> !optIn.contains(k)).toList();
      List<String> unmanagedFull = ResourceTypes.FULL_MANAGEMENT_SETTINGS.stream().filter(k -> !full.contains(k)).toList();
      settings.add(new RegionSettings(Identifiers.regional("backup", region), region, regionProvider(region).alias(),
          List.copyOf(optIn), unmanaged, List.copyOf(full), unmanagedFull, "plans (the resource types they select)"));
    }
    return settings;
  }

  /**
   * Grants on the account's own resource keys (organization.accounts.NAME.resource_keys) to the
   * central account, in each region where backups of types AWS Backup does not fully manage are
   * copied there.
   */
  private List<KeyGrant> keyGrants(String account) {
    if (c.organization() == null || c.organization().centralBackupAccount() == null
        || account.equals(c.organization().centralBackupAccount())) {
      return List.of();
    }
    String central = c.organization().centralBackupAccount();
    var copied = scope.crossAccountCopyTypes().getOrDefault(account, new TreeMap<>());
    List<KeyGrant> grants = new ArrayList<>();
    for (String keyArn : c.organization().accounts().get(account).resourceKeys()) {
      String region = keyArn.split(":")[3];
      boolean needed = copied.getOrDefault(region, new TreeSet<>()).stream().anyMatch(t -> !ResourceTypes.fullyManaged(t));
      if (needed) {
        grants.add(new KeyGrant(Identifiers.regional("resource_key_" + keyArn.substring(keyArn.lastIndexOf('/') + 1), region)
            .replace('-', '_'), keyArn, region, regionProvider(region).alias(), central,
            IamDocuments.rootOf(accountId(central)), RESOURCE_KEY_GRANT_OPERATIONS,
            "organization.accounts." + account + ".resource_keys", false));
      }
    }
    return grants;
  }

  /** What a KMS grant on a resource key lets the restore testing role do: restore from snapshots encrypted with it. */
  static final List<String> RESTORE_TESTING_KEY_GRANT_OPERATIONS =
      List.of("CreateGrant", "Decrypt", "DescribeKey", "GenerateDataKeyWithoutPlaintext");

  /**
   * Grants on the account's own resource keys to its restore testing role, in each region where a
   * restore test restores a type AWS Backup does not fully manage (RDS, Aurora, EBS, ...): those
   * recovery points stay encrypted with the source resource's key, not the vault's ("Encryption for
   * backups in AWS Backup": they inherit the source's encryption, and the role must have access to
   * the key used to restore). A grant works whatever the key's policy (which is not the
   * catalogue's) says; AWS's restore policy already lets the role use any key through the services.
   */
  private List<KeyGrant> restoreTestingKeyGrants(String account, List<RestoreTest> tests) {
    if (c.organization() == null) {
      return List.of();
    }
    SortedSet<String> regions = new TreeSet<>();
    for (RestoreTest t : tests) {
      if (t.selections().stream().anyMatch(sel -> !ResourceTypes.fullyManaged(sel.resourceType()))) {
        regions.add(t.region());
      }
    }
    List<KeyGrant> grants = new ArrayList<>();
    for (String keyArn : c.organization().accounts().get(account).resourceKeys()) {
      String region = keyArn.split(":")[3];
      if (regions.contains(region)) {
        grants.add(new KeyGrant(Identifiers.regional("restore_testing_key_" + keyArn.substring(keyArn.lastIndexOf('/') + 1), region)
            .replace('-', '_'), keyArn, region, regionProvider(region).alias(), account, "aws_iam_role.restore_testing.arn",
            RESTORE_TESTING_KEY_GRANT_OPERATIONS, "organization.accounts." + account + ".resource_keys", true));
      }
    }
    return grants;
  }

  private Module singleAccountModule() {
    var account = c.account();
    List<Key> keys = new ArrayList<>();
    List<Vault> vaults = new ArrayList<>();
    scope.memberVaults().getOrDefault(account.name(), new TreeMap<>()).forEach((vault, regions) -> {
      for (String region : regions) {
        addVault(account.name(), vault, region, List.of(), null, keys, vaults);
      }
    });
    List<BackupPlan> plans = new ArrayList<>();
    c.plans().forEach((planName, plan) -> {
      for (String region : plan.regions()) {
        if (account.regions().contains(region)) {
          plans.add(backupPlan(planName, plan, region));
        }
      }
    });
    return new Module(1, "accounts/" + account.name(), account.name(), account.id(),
        "A single account: its backup role, vaults with customer-managed keys, locks and access policies, "
            + "and the backup plans and selections themselves.",
        List.of(), 0, List.of(), providers(account.name(), account.regions().get(0),
            usedRegions(keys, vaults, plans, regionSettings(account.name()), List.of())), null, List.of(),
        role(account.name()), namedRoles(account.name()), keys, vaults, topics(account.name(), vaults), restoreTestingRole(account.name(), vaults),
        malwareScannerRole(account.name()), restoreTests(vaults), plans, regionSettings(account.name()), List.of(), null, List.of(), null,
        frameworks(account.name(), account.regions()), singleAccountReportPlans(account.name(), account.regions()), null, List.of());
  }

  private Module policiesModule(int order) {
    Organization org = c.organization();
    List<OrgPolicy> policies = new ArrayList<>();
    c.policies().forEach((name, policy) -> {
      var document = BackupPolicyDocuments.document(c, name);
      List<Attachment> attachments = new ArrayList<>();
      String id = Identifiers.of(name);
      if (policy.attachTo().root()) {
        attachments.add(new Attachment(id + "_root", "root", "root", org.rootId()));
      }
      for (String ou : policy.attachTo().organizationalUnits()) {
        attachments.add(new Attachment(id + "_ou_" + Identifiers.of(ou), "organizational unit", ou,
            org.organizationalUnits().get(ou).id()));
      }
      for (String account : policy.attachTo().accounts()) {
        attachments.add(new Attachment(id + "_account_" + Identifiers.of(account), "account", account, accountId(account)));
      }
      String description = policy.description() != null ? policy.description()
          : "Backup plans " + String.join(", ", policy.plans()) + " (generated by backup-catalogue)";
      policies.add(new OrgPolicy(id, name, description, Json.pretty(document), Json.jsonencodeLength(document),
          attachments, "policies." + name));
    });
    String account = org.policyAccount();
    String home = homeRegion(account);
    String who = org.policyManagement() == PolicyManagement.DELEGATED_ADMINISTRATOR
        ? "the delegated administrator '" + account + "'" : "the management account";
    StackSet stackSet = org.baseline() == null ? null : StackSetTemplate.stackSet(c, scope, this::accountId);
    return new Module(order, "policies", account, accountId(account),
        "The organization's backup policies and their attachments, managed from " + who + "; its plan first checks that "
            + "every account that receives a policy is protected.",
        List.of(), 0, List.of(), providers(account, home, List.of()), null, policies,
        null, List.of(), List.of(), List.of(), List.of(), null, null, List.of(), List.of(), List.of(), List.of(), prerequisites(false),
        coverage(), stackSet, List.of(), organizationReportPlans(), null, List.of());
  }

  // ------------------------------------------------------------------ AWS Backup Audit Manager

  /** The framework name in every account and region (letters, digits and underscores; CreateFramework). */
  static final String FRAMEWORK_NAME = "backup_catalogue_controls";

  /** One framework per region of the account's module with the controls whose scope includes the account. */
  private List<Model.Framework> frameworks(String account, List<String> regions) {
    List<Model.Framework> frameworks = new ArrayList<>();
    for (String region : regions) {
      List<Model.FrameworkControl> controls = new ArrayList<>();
      List<String> names = new ArrayList<>();
      c.controls().forEach((name, control) -> {
        if (!io.github.backupcatalogue.compliance.ControlCoverage.accounts(c, control).contains(account)
            || !meaningfulIn(name, control, region)) {
          return;
        }
        var definition = io.github.backupcatalogue.validate.AuditControls.byName(name).orElseThrow();
        List<Model.InputParameter> parameters = new ArrayList<>();
        io.github.backupcatalogue.validate.AuditControls.inputParameters(definition, control)
            .forEach((k, v) -> parameters.add(new Model.InputParameter(k, v)));
        var tag = control.scope().tag();
        controls.add(new Model.FrameworkControl(name, parameters, control.scope().resourceTypes(),
            tag == null ? null : new SelectionTag(tag.key(), tag.value())));
        names.add(name);
      });
      if (!controls.isEmpty()) {
        frameworks.add(new Model.Framework(Identifiers.regional("controls", region), FRAMEWORK_NAME, region,
            regionProvider(region).alias(), "The controls " + catalogueName + " requires of " + account + " (" + names.size()
                + "), checked by AWS Backup Audit Manager", controls, "controls (" + String.join(", ", names) + ")"));
      }
    }
    return frameworks;
  }

  /**
   * False for a cross-Region control whose only listed Region is the framework's own: a resource
   * there can never have a copy in another Region of the list, so AWS would find it non-compliant
   * for ever and drown the real findings of the control compliance report.
   */
  private static boolean meaningfulIn(String name, io.github.backupcatalogue.catalogue.Control control, String region) {
    return !name.equals("BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION") || control.crossRegionList().isEmpty()
        || control.crossRegionList().stream().anyMatch(r -> !r.equals(region));
  }

  /**
   * Organization-wide report plans, in the account that manages backup policies (a delegated
   * administrator or the management account: only they may create cross-account reports), covering
   * every account that gets backup plans, in every region they back up in. Cross-account reports are
   * delivered as CSV only ("Working with audit reports").
   */
  private List<Model.ReportPlan> organizationReportPlans() {
    if (c.auditReports() == null) {
      return List.of();
    }
    SortedSet<String> names = new TreeSet<>();
    for (String account : io.github.backupcatalogue.compliance.AccountProtection.accounts(c)) {
      if (!io.github.backupcatalogue.compliance.AccountProtection.plansFor(c, account).isEmpty()) {
        names.add(account);
      }
    }
    if (!scope.centralSources().isEmpty()) {
      names.add(c.organization().centralBackupAccount());
    }
    List<String> accounts = names.stream().map(this::accountId).toList();
    SortedSet<String> regions = new TreeSet<>();
    scope.backupRegions().values().forEach(regions::addAll);
    scope.memberVaults().values().forEach(byVault -> byVault.values().forEach(regions::addAll));
    scope.centralRegions().values().forEach(regions::addAll);
    return reportPlans(null, accounts, List.copyOf(regions), List.of("CSV"), List.of(),
        "the accounts that get backup plans or hold their copies (" + accounts.size() + ")");
  }

  /** A single account's report plans, in its home region, covering its regions and its frameworks. */
  private List<Model.ReportPlan> singleAccountReportPlans(String account, List<String> regions) {
    if (c.auditReports() == null) {
      return List.of();
    }
    String home = regions.get(0);
    List<String> frameworks = frameworks(account, regions).stream().map(f -> "aws_backup_framework." + f.resourceName() + ".arn").toList();
    boolean crossRegion = regions.size() > 1;
    return reportPlans(regionProvider(home).alias(), List.of(), crossRegion ? regions : List.of(),
        crossRegion ? List.of("CSV") : List.of("CSV", "JSON"), frameworks, account);
  }

  private List<Model.ReportPlan> reportPlans(String alias, List<String> accounts, List<String> regions, List<String> formats,
      List<String> frameworks, String covers) {
    var reports = c.auditReports();
    List<Model.ReportPlan> plans = new ArrayList<>();
    for (String template : reports.templates()) {
      String id = template.toLowerCase(java.util.Locale.ROOT);
      boolean compliance = io.github.backupcatalogue.validate.AuditControls.isComplianceTemplate(template);
      plans.add(new Model.ReportPlan(id, "backup_catalogue_" + id, "Daily " + template + " of " + covers + " to s3://"
          + reports.bucket() + (reports.keyPrefix() == null ? "" : "/" + reports.keyPrefix()), alias, template, reports.bucket(),
          reports.keyPrefix(), formats, accounts, regions, compliance ? frameworks : List.of(), "audit_reports (" + template + ")"));
    }
    return plans;
  }

  /**
   * The regions whose provider alias some resource of the module uses, sorted: a provider nothing
   * uses is not declared (Terraform ignores it, and tflint reports it).
   */
  private static List<String> usedRegions(List<Key> keys, List<Vault> vaults, List<BackupPlan> plans,
      List<RegionSettings> settings, List<KeyGrant> grants) {
    SortedSet<String> regions = new TreeSet<>();
    keys.forEach(k -> regions.add(k.region()));
    vaults.forEach(v -> regions.add(v.region()));
    plans.forEach(p -> regions.add(p.region()));
    settings.forEach(s -> regions.add(s.region()));
    grants.forEach(g -> regions.add(g.region()));
    return List.copyOf(regions);
  }

  /** One coverage check per root or OU that a policy is attached to. */
  private List<Coverage> coverage() {
    Organization org = c.organization();
    Map<String, List<String>> byTarget = new LinkedHashMap<>();
    c.policies().forEach((name, policy) -> {
      if (policy.attachTo().root()) {
        byTarget.computeIfAbsent(Organization.ROOT, t -> new ArrayList<>()).add(name);
      }
      policy.attachTo().organizationalUnits().forEach(ou -> byTarget.computeIfAbsent(ou, t -> new ArrayList<>()).add(name));
    });
    Map<String, String> excluded = new TreeMap<>();
    org.excludedAccounts().forEach((name, e) -> excluded.put(e.id(), name + ": " + e.reason()));
    List<Coverage> checks = new ArrayList<>();
    byTarget.forEach((target, policyNames) -> {
      boolean root = target.equals(Organization.ROOT);
      List<String> expected = org.accounts().entrySet().stream()
          .filter(e -> root || Scope.isBelow(org, e.getValue().ou(), target))
          .map(e -> e.getValue().id()).sorted().toList();
      boolean baseline = !root && org.baseline() != null
          && org.baseline().organizationalUnits().stream().anyMatch(b -> Scope.isBelow(org, target, b));
      checks.add(new Coverage(root ? "root" : "ou_" + Identifiers.of(target), root ? "root" : "organizational unit", target,
          root ? org.rootId() : org.organizationalUnits().get(target).id(), policyNames, expected, excluded, baseline,
          "policies (" + String.join(", ", policyNames) + ").attach_to"));
    });
    return checks;
  }

  // ------------------------------------------------------------------ parts

  /**
   * Adds a vault, and its key unless the key is not ours. The key may be used by the account's own
   * backup role and by the backup roles of the {@code copiesFrom} accounts, which the vault policy
   * also lets copy in, and is shared with those accounts so recovery points can be copied back.
   *
   * @param restoresFrom the central account that may copy recovery points back into this vault, or null
   */
  private void addVault(String account, String vaultName, String region, List<String> copiesFrom, String restoresFrom,
      List<Key> keys, List<Vault> vaults) {
    List<String> copySources = copiesFrom.stream()
        .flatMap(s -> rolesInto(s, vaultName).stream().map(r -> r.arn(accountId(s)))).toList();
    var vault = c.vaults().get(vaultName);
    String resource = Identifiers.regional(vaultName, region);
    String alias = regionProvider(region).alias();
    String source = "vaults." + vaultName;
    String keyResource = null;
    if (vault.encryption().key() == KeyType.CREATE && vault.airGapped() == null) {
      keyResource = resource;
      keys.add(new Key(resource, vaultName, region, alias, keyAlias(vaultName), vault.encryption().rotation(),
          vault.encryption().deletionWindowDays(), "Encrypts backup vault " + vaultName + " (backup-catalogue)",
          IamDocuments.keyPolicy(accountId(account), ownRoles(account, vaultName),
              restoreTested(vaultName) ? restoreTestingRoleArn(accountId(account)) : null, copySources,
              copiesFrom.stream().map(this::accountId).toList(),
              scansVaultKey(account, vaultName, region) ? malwareScannerRoleArn(accountId(account)) : null), source));
    }
    var lock = vault.lock() == null || vault.airGapped() != null ? null : new Lock(vault.lock().mode().name().toLowerCase(java.util.Locale.ROOT),
        vault.lock().minRetentionDays(), vault.lock().maxRetentionDays(), vault.lock().changeableForDays());
    var access = vault.accessPolicy();
    String breakGlass = breakGlassArn(accountId(account), access.breakGlassRole());
    String organizationId = c.organization() == null ? null : c.organization().id();
    Document policy = IamDocuments.vaultPolicy(organizationId, copySources, restoresFrom == null ? null : accountId(restoresFrom),
        access.denyRecoveryPointDeletion(), breakGlass);
    VaultNotification notification = vault.notifications() == null ? null
        : new VaultNotification(Identifiers.regional(vault.notifications().topic(), region), vault.notifications().events());
    AirGapped airGapped = null;
    if (vault.airGapped() != null) {
      Map<String, String> shareWith = new TreeMap<>();
      (vault.airGapped().shareWith() != null ? vault.airGapped().shareWith() : copiesFrom)
          .forEach(a -> shareWith.put(a, accountId(a)));
      airGapped = new AirGapped(vault.airGapped().minRetentionDays(), vault.airGapped().maxRetentionDays(),
          "backup-catalogue-" + vaultName + "-" + region, shareWith);
    }
    vaults.add(new Vault(resource, vaultName, region, alias, keyResource,
        vault.encryption().key() == KeyType.EXISTING ? vault.encryption().keyArn() : null, lock, policy, vault.tags(),
        copiesFrom, restoresFrom, notification, airGapped, source));
  }

  /**
   * The notification topics of an account: one per topic and region where a vault of the module
   * publishes to it (AWS Backup publishes only to topics of the vault's own account), each with
   * its own key.
   */
  private List<Topic> topics(String account, List<Vault> vaults) {
    Map<String, List<Vault>> byTopic = new TreeMap<>();
    Map<String, String[]> where = new TreeMap<>();
    for (Vault v : vaults) {
      if (v.notifications() != null) {
        byTopic.computeIfAbsent(v.notifications().topicResource(), t -> new ArrayList<>()).add(v);
        where.put(v.notifications().topicResource(), new String[] {c.vaults().get(v.name()).notifications().topic(), v.region()});
      }
    }
    if (account.equals(eventsReceiver)) {
      String name = c.notifications().organizationEvents().topic();
      for (String region : receivingRegions()) {
        byTopic.computeIfAbsent(Identifiers.regional(name, region), t -> new ArrayList<>());
        where.put(Identifiers.regional(name, region), new String[] {name, region});
      }
    }
    List<Topic> topics = new ArrayList<>();
    byTopic.forEach((resource, publishers) -> {
      String name = where.get(resource)[0];
      String region = where.get(resource)[1];
      var topic = c.notifications().topics().get(name);
      String id = accountId(account);
      String topicArn = "arn:aws:sns:" + region + ":" + id + ":" + name;
      List<String> rules = account.equals(eventsReceiver) && name.equals(c.notifications().organizationEvents().topic())
          ? alertRuleArns(region) : List.of();
      List<TopicSubscription> subscriptions = new ArrayList<>();
      List<String> otherAccountQueues = new ArrayList<>();
      for (int i = 0; i < topic.subscriptions().size(); i++) {
        var sub = topic.subscriptions().get(i);
        String source = "notifications.topics." + name + ".subscriptions[" + i + "]";
        String filter = sub.onlyFailures() ? BackupVaultEvents.FAILURES_ONLY_FILTER : null;
        String queueAccount = sub.protocol() == SubscriptionProtocol.SQS ? sub.endpoint().split(":")[4] : id;
        if (!queueAccount.equals(id)) {
          // validation (BC555) made sure the queue's account is one of the catalogue's
          otherAccountQueues.add(sub.endpoint());
          // created in the topic's region, with the queue account's credentials (aws_sns_topic_subscription)
          queueSubscriptions.computeIfAbsent(accountName(queueAccount), a -> new ArrayList<>()).add(new Model.QueueSubscription(
              resource + "_" + id + "_" + (i + 1), topicArn, "accounts/" + account, region, regionProvider(region).alias(), sub.endpoint(), filter, "the queue's policy must let sns.amazonaws.com send "
                  + "messages from " + topicArn + " (aws:SourceArn)",
              source + " (topic of account " + account + ")"));
          continue;
        }
        subscriptions.add(new TopicSubscription(resource + "_" + (i + 1), sub.protocol().name().toLowerCase(java.util.Locale.ROOT),
            sub.endpoint(), filter, subscriptionNote(sub), source));
      }
      topics.add(new Topic(resource, name, region, regionProvider(region).alias(), "alias/backup-catalogue/sns/" + name,
          IamDocuments.topicKeyPolicy(id, !publishers.isEmpty(), !rules.isEmpty()),
          IamDocuments.topicPolicy(id, topicArn, !publishers.isEmpty(), rules, otherAccountQueues),
          subscriptions, topic.tags(), publishers.stream().map(Vault::name).toList(), rules, "notifications.topics." + name));
    });
    return topics;
  }

  /** The name of the role restore tests assume; its path and permissions boundary are the backup role's. */
  static final String RESTORE_TESTING_ROLE = "BackupCatalogueRestoreTesting";

  private String restoreTestingRoleArn(String accountId) {
    return "arn:aws:iam::" + accountId + ":role" + c.backupRole().path() + RESTORE_TESTING_ROLE;
  }

  /** True when a restore testing plan tests the vault's recovery points. */
  private boolean restoreTested(String vault) {
    return c.restoreTesting().values().stream().anyMatch(p -> p.recoveryPoints().vaults().contains(vault));
  }

  /**
   * The role restore tests assume, in an account with a restore test: AWS's restore policy (and the
   * S3 one when S3 is tested), nothing to back up or delete recovery points with
   * ("Restore testing", AWS Backup Developer Guide: the selection's IAM role creates the restored resource).
   */
  private Role restoreTestingRole(String account, List<Vault> vaults) {
    List<RestoreTest> tests = restoreTests(vaults);
    if (tests.isEmpty()) {
      return null;
    }
    List<ManagedPolicy> managed = new ArrayList<>();
    managed.add(new ManagedPolicy("restore_testing_restores", RESTORE_POLICY, "lets AWS Backup restore the tested recovery points"));
    if (tests.stream().flatMap(t -> t.selections().stream()).anyMatch(sel -> sel.resourceType().equals("S3"))) {
      managed.add(new ManagedPolicy("restore_testing_s3_restore", S3_RESTORE_POLICY, "S3 is restore-tested: the base policy lacks S3"));
    }
    var r = c.backupRole();
    return new Role("restore_testing", RESTORE_TESTING_ROLE, r.path(), r.permissionsBoundary(), IamDocuments.backupTrustPolicy(),
        managed, List.of(), "restore_testing");
  }

  /** The restore testing plans of a module: one per plan and region where the module has a vault it tests. */
  private List<RestoreTest> restoreTests(List<Vault> vaults) {
    List<RestoreTest> tests = new ArrayList<>();
    c.restoreTesting().forEach((name, plan) -> {
      Map<String, List<String>> byRegion = new TreeMap<>();
      for (Vault v : vaults) {
        if (plan.recoveryPoints().vaults().contains(v.name())) {
          byRegion.computeIfAbsent(v.region(), r -> new ArrayList<>()).add(v.address());
        }
      }
      byRegion.forEach((region, vaultResources) -> {
        String resource = Identifiers.regional(name, region);
        List<Model.RestoreTestSelection> selections = new ArrayList<>();
        plan.selections().forEach((selectionName, sel) -> selections.add(new Model.RestoreTestSelection(
            resource + "_" + Identifiers.of(selectionName), selectionName, sel.resourceType(),
            sel.resources().isEmpty() ? List.of("*") : sel.resources(),
            sel.tagEquals().entrySet().stream().map(e -> new SelectionTag("aws:ResourceTag/" + e.getKey(), e.getValue())).toList(),
            sel.tagNotEquals().entrySet().stream().map(e -> new SelectionTag("aws:ResourceTag/" + e.getKey(), e.getValue())).toList(),
            sel.validationWindowHours(), sel.restoreMetadataOverrides(), "restore_testing." + name + ".selections." + selectionName)));
        var rp = plan.recoveryPoints();
        tests.add(new RestoreTest(resource, name, region, regionProvider(region).alias(), plan.schedule(), plan.timezone(),
            plan.startWindowHours(), rp.algorithm().name(), vaultResources, rp.types().stream().map(Enum::name).toList(),
            rp.selectionWindowDays(), plan.tags(), selections, "restore_testing." + name));
      });
    });
    return tests;
  }

  /** The name of the role GuardDuty assumes to scan recovery points; its path and permissions boundary are the backup role's. */
  public static final String MALWARE_SCANNER_ROLE = "BackupCatalogueMalwareScanner";

  private String malwareScannerRoleArn(String accountId) {
    return malwareScannerRoleArn(c, accountId);
  }

  /** The scanner role's ARN in an account (or {@code $account}, in backup policies). */
  static String malwareScannerRoleArn(Catalogue c, String accountId) {
    return "arn:aws:iam::" + accountId + ":role" + c.backupRole().path() + MALWARE_SCANNER_ROLE;
  }

  /** The account's plans that scan for malware (malware_scanning), sorted. */
  private SortedSet<String> scanningPlans(String account) {
    SortedSet<String> plans = new TreeSet<>();
    for (String planName : plansOf(account)) {
      if (c.plans().get(planName).malwareScanning() != null) {
        plans.add(planName);
      }
    }
    return plans;
  }

  /**
   * True when GuardDuty scans recovery points the vault's key encrypts in this region: a rule of a
   * scanning plan backs up into the vault and the plan scans S3, whose backups AWS Backup fully
   * manages under the vault's key. EBS snapshots and EC2 images keep the source volumes' keys
   * ("Encryption for backups in AWS Backup"), which the catalogue does not manage.
   */
  private boolean scansVaultKey(String account, String vaultName, String region) {
    for (String planName : scanningPlans(account)) {
      Plan plan = c.plans().get(planName);
      boolean s3 = ResourceTypes.malwareScanned(plan.malwareScanning().resourceTypes()).contains("S3");
      if (s3 && plan.regions().contains(region) && plan.rules().values().stream()
          .anyMatch(r -> r.malwareScan() != null && r.vault().equals(vaultName))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The role GuardDuty Malware Protection assumes to read the recovery points AWS Backup asks it to
   * scan, in an account receiving a scanning plan: trusted by malware-protection.guardduty.amazonaws.com
   * only, with exactly AWS's AWSBackupGuardDutyRolePolicyForScans (Backup policy syntax, Example 8).
   */
  private Role malwareScannerRole(String account) {
    SortedSet<String> plans = scanningPlans(account);
    if (plans.isEmpty()) {
      return null;
    }
    var r = c.backupRole();
    return new Role("malware_scanner", MALWARE_SCANNER_ROLE, r.path(), r.permissionsBoundary(),
        IamDocuments.malwareScannerTrustPolicy(),
        List.of(new ManagedPolicy("malware_scanner_scans", SCANNER_POLICY, "lets GuardDuty read the recovery points it scans")),
        List.of(), plans.stream().map(p -> "plans." + p + ".malware_scanning").collect(java.util.stream.Collectors.joining(", ")));
  }

  /**
   * What a subscription of the topic's own account needs outside Terraform (Amazon SNS Developer
   * Guide: subscription confirmation); queues of other accounts are subscribed by their account.
   */
  private static String subscriptionNote(io.github.backupcatalogue.catalogue.Subscription s) {
    return switch (s.protocol()) {
      case EMAIL -> "AWS emails a confirmation link: nothing is delivered until it is followed";
      case HTTPS -> "the endpoint must confirm the subscription (SubscribeURL of the first message)";
      case SQS -> "the queue's policy must let sns.amazonaws.com send messages from this topic (aws:SourceArn)";
    };
  }

  /**
   * The module of an account whose SQS queues subscribe to topics of other accounts: only those
   * subscriptions, in a module of their own so that it depends on the topics' modules and nothing
   * depends on it (an account module of the queue's account may itself be needed before a topic's
   * module, such as a member account before the central account).
   */
  private Module subscriptionsModule(int order, String account, List<Model.QueueSubscription> subscriptions) {
    List<String> regions = subscriptions.stream().map(Model.QueueSubscription::region).distinct().sorted().toList();
    return new Module(order, "subscriptions/" + account, account, accountId(account),
        "Subscribes the account's SQS queues to the vault-event topics of other accounts: the queue's account creates "
            + "the subscription, so it needs no confirmation and Terraform keeps it in state.",
        List.of(), 0, List.of(), providers(account, homeRegion(account), regions), null, List.of(), null, List.of(), List.of(),
        List.of(), List.of(), null, null, List.of(), List.of(), List.of(), List.of(), null, List.of(), null, List.of(), List.of(),
        null, subscriptions);
  }

  /** The catalogue's name of an account id (validation made sure it is one). */
  private String accountName(String accountId) {
    return c.organization().accounts().entrySet().stream().filter(e -> e.getValue().id().equals(accountId))
        .map(Map.Entry::getKey).findFirst()
        .orElseThrow(() -> new IllegalStateException("account " + accountId + " is not in the catalogue (validation lets no such queue through)"));
  }

  /**
   * The break-glass role's ARN: {@code aws:PrincipalArn} of a role includes its path, so a role
   * given as {@code /path/Name} keeps it.
   */
  public static String breakGlassArn(String accountId, String role) {
    if (role == null) {
      return null;
    }
    return "arn:aws:iam::" + accountId + ":role" + (role.startsWith("/") ? role : "/" + role);
  }

  static String keyAlias(String vault) {
    return "alias/backup-catalogue/" + vault;
  }

  private Role role(String account) {
    List<ManagedPolicy> managed = new ArrayList<>();
    managed.add(new ManagedPolicy("backup", BACKUP_POLICY, "lets AWS Backup take backups"));
    managed.add(new ManagedPolicy("restores", RESTORE_POLICY, "lets AWS Backup restore"));
    if (scope.s3Accounts().contains(account)) {
      managed.add(new ManagedPolicy("s3_backup", S3_BACKUP_POLICY, "S3 is (or may be) selected: the base policies lack S3"));
      managed.add(new ManagedPolicy("s3_restore", S3_RESTORE_POLICY, "S3 is (or may be) selected: the base policies lack S3"));
    }
    List<InlinePolicy> inline = new ArrayList<>();
    if (c.organization() != null && c.organization().centralBackupAccount() != null
        && !account.equals(c.organization().centralBackupAccount())) {
      SortedSet<String> regions = new TreeSet<>();
      SortedSet<String> aliases = new TreeSet<>();
      scope.centralSources().forEach((vault, byRegion) -> byRegion.forEach((region, sources) -> {
        // an air-gapped vault has no key of ours (AWS owned, or an existing key the catalogue does not manage)
        if (sources.contains(account) && c.vaults().get(vault).airGapped() == null) {
          regions.add(region);
          aliases.add(keyAlias(vault));
        }
      }));
      if (!regions.isEmpty()) {
        inline.add(new InlinePolicy("central_vault_keys", "backup-catalogue-central-vault-keys",
            "copy_to of central vaults: the role may use exactly the central vault keys it copies into (matched by "
                + "alias), as their key policies in turn name this role.",
            IamDocuments.keysByAliasPolicy("UseTheCentralVaultKeysForCopies", accountId(c.organization().centralBackupAccount()),
                regions, aliases)));
      }
    }
    var r = c.backupRole();
    return new Role("backup", r.name(), r.path(), r.permissionsBoundary(), IamDocuments.backupTrustPolicy(), managed,
        inline, "backup_role");
  }

  /**
   * The backup_roles entries an account's plans use, each with the policies of the default role
   * (its Terraform names prefixed with the role's resource name), the S3 ones only where the role's
   * own selections may select S3.
   */
  private List<Role> namedRoles(String account) {
    Role base = role(account);
    List<Role> roles = new ArrayList<>();
    for (String key : namedRoleKeys(account)) {
      var r = c.backupRoles().get(key).resolve(key);
      String resource = namedRoleResource(key);
      boolean s3 = plansOf(account).stream().flatMap(p -> c.plans().get(p).selections().values().stream())
          .filter(sel -> key.equals(sel.role()))
          .anyMatch(sel -> sel.tag() != null || sel.resourceTypes().stream().anyMatch(ResourceTypes::mayBeS3));
      roles.add(new Role(resource, r.name(), r.path(), r.permissionsBoundary(), base.trustPolicy(),
          base.managedPolicies().stream()
              .filter(mp -> s3 || !(mp.arn().equals(S3_BACKUP_POLICY) || mp.arn().equals(S3_RESTORE_POLICY)))
              .map(mp -> new ManagedPolicy(resource + "_" + mp.resourceName(), mp.arn(),
                  mp.reason().replace("S3 is (or may be) selected", "S3 is (or may be) selected by the role's selections")))
              .toList(),
          base.inlinePolicies().stream().map(ip -> new InlinePolicy(resource + "_" + ip.resourceName(), ip.name(), ip.comment(),
              ip.policy())).toList(),
          "backup_roles." + key));
    }
    return roles;
  }

  static String namedRoleResource(String key) {
    return "backup_" + Identifiers.of(key);
  }

  /** The plans an account receives (all plans in a single-account catalogue). */
  private Set<String> plansOf(String account) {
    return scope.plansByAccount().getOrDefault(account, Set.of());
  }

  /** The backup_roles keys the account's plans' selections name, sorted. */
  private SortedSet<String> namedRoleKeys(String account) {
    SortedSet<String> keys = new TreeSet<>();
    for (String planName : plansOf(account)) {
      c.plans().get(planName).selections().values().stream().map(Selection::role)
          .filter(k -> k != null && c.backupRoles().containsKey(k)).forEach(keys::add);
    }
    return keys;
  }

  /** True when a plan backs up into the vault or copies into it. */
  private boolean usesVault(Plan plan, String vaultName) {
    return plan.rules().values().stream().anyMatch(r -> r.vault().equals(vaultName)
        || r.copyTo().stream().anyMatch(copy -> copy.vault().equals(vaultName)));
  }

  /**
   * The roles of an account that back up or copy into a vault: those its plans' selections using
   * the vault name (backup_role for selections naming none, and for data_classification's).
   */
  private List<io.github.backupcatalogue.catalogue.BackupRole> rolesInto(String account, String vaultName) {
    boolean standard = false;
    SortedSet<String> named = new TreeSet<>();
    for (String planName : plansOf(account)) {
      Plan plan = c.plans().get(planName);
      if (!usesVault(plan, vaultName)) {
        continue;
      }
      if (!Classification.valuesFor(c, planName).isEmpty()) {
        standard = true;
      }
      for (Selection sel : plan.selections().values()) {
        if (sel.role() == null || !c.backupRoles().containsKey(sel.role())) {
          standard = true;
        } else {
          named.add(sel.role());
        }
      }
    }
    List<io.github.backupcatalogue.catalogue.BackupRole> roles = new ArrayList<>();
    if (standard || named.isEmpty()) {
      roles.add(c.backupRole());
    }
    named.forEach(k -> roles.add(c.backupRoles().get(k).resolve(k)));
    return roles;
  }

  /**
   * The roles of the vault's own account its key policy names, ARN -> Terraform reference: the
   * default backup role always (restores, copies back), and the named roles whose selections back
   * up or copy into the vault.
   */
  private Map<String, String> ownRoles(String account, String vaultName) {
    Map<String, String> roles = new LinkedHashMap<>();
    roles.put(c.backupRole().arn(accountId(account)), IamDocuments.OWN_ROLE_REFERENCE);
    SortedSet<String> keys = namedRoleKeys(account);
    for (String planName : plansOf(account)) {
      Plan plan = c.plans().get(planName);
      if (!usesVault(plan, vaultName)) {
        continue;
      }
      for (Selection sel : plan.selections().values()) {
        if (sel.role() != null && keys.contains(sel.role())) {
          roles.put(c.backupRoles().get(sel.role()).resolve(sel.role()).arn(accountId(account)),
              "aws_iam_role." + namedRoleResource(sel.role()) + ".arn");
        }
      }
    }
    return roles;
  }

  private BackupPlan backupPlan(String planName, Plan plan, String region) {
    String alias = regionProvider(region).alias();
    List<PlanRule> rules = new ArrayList<>();
    plan.rules().forEach((ruleName, rule) -> {
      List<PlanCopy> copies = new ArrayList<>();
      for (CopyAction copy : rule.copyTo()) {
        String destination = copy.region() != null ? copy.region() : region;
        copies.add(new PlanCopy(Identifiers.regional(copy.vault(), destination),
            lifecycle(copy.lifecycle() != null ? copy.lifecycle() : rule.lifecycle())));
      }
      rules.add(new PlanRule(ruleName, Identifiers.regional(rule.vault(), region), rule.schedule(), rule.timezone(),
          rule.startWindowMinutes(), rule.completionWindowMinutes(), rule.continuousBackup(), lifecycle(rule.lifecycle()),
          copies, rule.recoveryPointTags(), rule.malwareScan() == null ? null : rule.malwareScan().aws()));
    });
    List<PlanSelection> selections = new ArrayList<>();
    String resource = Identifiers.regional(planName, region);
    plan.selections().forEach((name, selection) -> selections.add(selection(resource, name, selection,
        selection.role() != null && c.backupRoles().containsKey(selection.role()) ? namedRoleResource(selection.role()) : "backup")));
    List<String> classified = Classification.valuesFor(c, planName);
    if (!classified.isEmpty()) {
      List<SelectionTag> tags = classified.stream().map(v -> new SelectionTag(c.dataClassification().tagKey(), v)).toList();
      selections.add(new PlanSelection(resource + "_" + Identifiers.of(Classification.SELECTION_NAME),
          Classification.SELECTION_NAME, List.of(), List.of(), tags, List.of(), "backup"));
    }
    return new BackupPlan(resource, planName, region, alias, rules, plan.advancedSettings().windowsVss(), plan.tags(),
        selections, plan.malwareScanning() == null ? List.of() : plan.malwareScanning().resourceTypes(), "plans." + planName);
  }

  private static PlanSelection selection(String planResource, String name, Selection selection, String roleResource) {
    List<SelectionCondition> conditions = new ArrayList<>();
    selection.conditions().tagEquals().forEach((k, v) -> conditions.add(new SelectionCondition("string_equals", "aws:ResourceTag/" + k, v)));
    selection.conditions().tagNotEquals().forEach((k, v) -> conditions.add(new SelectionCondition("string_not_equals", "aws:ResourceTag/" + k, v)));
    selection.conditions().tagLike().forEach((k, v) -> conditions.add(new SelectionCondition("string_like", "aws:ResourceTag/" + k, v)));
    selection.conditions().tagNotLike().forEach((k, v) -> conditions.add(new SelectionCondition("string_not_like", "aws:ResourceTag/" + k, v)));
    List<SelectionTag> tags = selection.tag() == null ? List.of()
        : selection.tag().allValues().stream().map(v -> new SelectionTag(selection.tag().key(), v)).toList();
    return new PlanSelection(planResource + "_" + Identifiers.of(name), name,
        BackupPolicyDocuments.arns(selection.resourceTypes()), BackupPolicyDocuments.arns(selection.excludeResources()), tags,
        conditions, roleResource);
  }

  private static PlanLifecycle lifecycle(Lifecycle l) {
    return new PlanLifecycle(l.coldStorageAfterDays(), l.deleteAfterDays(), l.optInToArchive());
  }

  /**
   * The providers of a module. The role they assume is {@code deployment.assume_role_name}, except
   * in the management account, where Organizations creates no OrganizationAccountAccessRole:
   * {@code deployment.management_assume_role_name}, or none (the pipeline's credentials).
   */
  private Providers providers(String account, String home, List<String> regions) {
    boolean management = c.organization() != null && account.equals(c.organization().managementAccount());
    String roleName = management ? c.deployment().managementAssumeRoleName() : c.deployment().assumeRoleName();
    String assume = roleName == null ? null : "arn:aws:iam::" + accountId(account) + ":role/" + roleName;
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("managed-by", "backup-catalogue");
    tags.putAll(c.deployment().tags());
    return new Providers(home, regions.stream().distinct().map(Planner::regionProvider).toList(), accountId(account), assume, tags);
  }

  private static RegionProvider regionProvider(String region) {
    return new RegionProvider(region, region.replace('-', '_'));
  }

  private String accountId(String account) {
    if (c.singleAccount()) {
      return c.account().id();
    }
    return c.organization().accounts().get(account).id();
  }

  private String homeRegion(String account) {
    if (c.singleAccount()) {
      return c.account().regions().get(0);
    }
    var regions = c.organization().accounts().get(account).regions();
    if (!regions.isEmpty()) {
      return regions.get(0);
    }
    SortedSet<String> used = scope.backupRegions().get(account);
    return used != null && !used.isEmpty() ? used.first() : "us-east-1";
  }
}
