package io.github.backupcatalogue.plan;

import java.util.List;
import java.util.Map;

/**
 * The per-account model the templates render: plain, immutable data with every decision already
 * made (names, ARNs, JSON documents, which resources exist). Templates only lay it out. The records
 * reach the templates as maps and lists with these component names.
 */
public final class Model {

  private Model() {}

  /**
   * A JSON policy document as rendered into a heredoc.
   *
   * @param text the pretty-printed document; each of {@code references} appears in it as
   *     {@code "${reference}"}, a Terraform interpolation the heredoc keeps
   * @param references the Terraform expressions the document interpolates (resources of its own module)
   * @param sentBytes its size as AWS receives it: compact JSON with the referenced values
   */
  public record Document(String text, List<String> references, int sentBytes) {
    public Document {
      references = List.copyOf(references);
    }
  }

  /**
   * Everything to generate.
   *
   * @param catalogue the catalogue's file name, for the comments
   * @param modules the root modules in apply order
   * @param pipelines the CI pipelines to generate, or null for none
   * @param backend the S3 backend every module's backend.tf names, or null for local state
   * @param summaries each module's {@value ModuleSummaries#FILE} (what it manages, in data), by module path
   * @param decommissioned the decommission stubs written next to the modules (not planned from the
   *     catalogue alone: they come from the previous output), for apply-order.json
   * @param compliance the compliance report, or null when the catalogue declares no controls or reports
   */
  public record Output(String catalogue, List<Module> modules, PipelineSettings pipelines, Backend backend,
      Map<String, String> summaries, List<Decommission> decommissioned,
      io.github.backupcatalogue.compliance.ComplianceReport compliance) {
    public Output {
      modules = List.copyOf(modules);
      summaries = Map.copyOf(summaries);
      decommissioned = List.copyOf(decommissioned);
    }

    /** The same output with these decommission stubs. */
    public Output withDecommissioned(List<Decommission> stubs) {
      return new Output(catalogue, modules, pipelines, backend, summaries, stubs, compliance);
    }

    /** The same output with the compliance report (written when the catalogue declares controls or reports). */
    public Output withCompliance(io.github.backupcatalogue.compliance.ComplianceReport report) {
      return new Output(catalogue, modules, pipelines, backend, summaries, decommissioned, report);
    }

    /** The modules by apply level, level 1 first (the modules are sorted by level). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public List<List<Module>> levels() {
      List<List<Module>> levels = new java.util.ArrayList<>();
      for (Module module : modules) {
        if (levels.size() < module.level()) {
          levels.add(new java.util.ArrayList<>());
        }
        levels.get(module.level() - 1).add(module);
      }
      return levels.stream().map(List::copyOf).toList();
    }
  }

  /**
   * A decommission stub: a module of an account that left the catalogue, applied to forget its vaults and keys.
   *
   * @param homeRegion the region of the module's default provider (where a pipeline gets its credentials)
   * @param assumesRole whether the module's providers assume a role in the account (as a live module's may)
   */
  public record Decommission(String path, String accountName, String accountId, String homeRegion, boolean assumesRole,
      String reason) {}

  /**
   * The S3 backend (deployment.state).
   *
   * @param keys each module's state object, by module path: the key prefix and the path only
   * @param roleArn the role the backend assumes, or null
   */
  public record Backend(String bucket, String region, String roleArn, Map<String, String> keys) {
    public Backend {
      keys = Map.copyOf(keys);
    }
  }

  /**
   * One Terraform root module, applied in one account.
   *
   * @param order position in the apply order, from 1
   * @param path the module directory relative to the output directory
   * @param accountName the account's name in the catalogue
   * @param accountId the account's id
   * @param purpose one sentence: why this module exists
   * @param after the paths of {@code dependsOn}: modules that must be applied before this one
   * @param level the apply level, from 1: the module depends only on modules of lower levels, and
   *     the modules of one level are independent of each other (a pipeline applies them in parallel)
   * @param dependsOn the modules whose resources this one needs, each with the reason
   */
  public record Module(
      int order,
      String path,
      String accountName,
      String accountId,
      String purpose,
      List<String> after,
      int level,
      List<Dependency> dependsOn,
      Providers providers,
      Management management,
      List<OrgPolicy> policies,
      Role role,
      List<Role> namedRoles,
      List<Key> keys,
      List<Vault> vaults,
      List<Topic> topics,
      Role restoreTestingRole,
      Role malwareScannerRole,
      List<RestoreTest> restoreTests,
      List<BackupPlan> backupPlans,
      List<RegionSettings> regionSettings,
      List<KeyGrant> keyGrants,
      Prerequisites prerequisites,
      List<Coverage> coverage,
      StackSet stackSet,
      List<Framework> frameworks,
      List<ReportPlan> reportPlans,
      JobEvents jobEvents,
      List<QueueSubscription> queueSubscriptions) {
    public Module {
      queueSubscriptions = List.copyOf(queueSubscriptions);
      frameworks = List.copyOf(frameworks);
      reportPlans = List.copyOf(reportPlans);
      after = List.copyOf(after);
      namedRoles = List.copyOf(namedRoles);
      dependsOn = List.copyOf(dependsOn);
      policies = List.copyOf(policies);
      keys = List.copyOf(keys);
      vaults = List.copyOf(vaults);
      topics = List.copyOf(topics);
      restoreTests = List.copyOf(restoreTests);
      backupPlans = List.copyOf(backupPlans);
      regionSettings = List.copyOf(regionSettings);
      keyGrants = List.copyOf(keyGrants);
      coverage = List.copyOf(coverage);
    }

    /** This module at its place in the apply order, with its dependencies and level. */
    public Module ordered(int order, int level, List<Dependency> dependsOn) {
      return new Module(order, path, accountName, accountId, purpose, dependsOn.stream().map(Dependency::path).toList(), level,
          dependsOn, providers, management, policies, role, namedRoles, keys, vaults, topics, restoreTestingRole, malwareScannerRole,
          restoreTests, backupPlans, regionSettings, keyGrants, prerequisites, coverage, stackSet, frameworks, reportPlans,
          jobEvents, queueSubscriptions);
    }

    /** True when a vault policy exempts the identity applying the module, which vaults.tf then looks up. */
    @com.fasterxml.jackson.annotation.JsonProperty("needsDeployer")
    public boolean needsDeployer() {
      return vaults.stream().anyMatch(v -> v.accessPolicy() != null
          && v.accessPolicy().references().contains(IamDocuments.DEPLOYER_REFERENCE));
    }
  }

  /**
   * The CI pipelines to generate (deployment.pipelines).
   *
   * @param engines github_actions, gitlab_ci, atlantis: at least one
   * @param directory the output directory relative to the repository root
   * @param roleArn the role the jobs assume through OIDC on the default branch, or null (Atlantis only)
   * @param planRoleArn the role pull-request plans assume, or null (Atlantis only)
   * @param planAssumeRoleName the role pull-request plans assume in each account, or null for the modules' own
   */
  public record PipelineSettings(List<String> engines, String directory, String roleArn, String planRoleArn,
      String planAssumeRoleName, String defaultBranch, String terraformVersion) {
    public PipelineSettings {
      engines = List.copyOf(engines);
    }

    /**
     * The role a pull-request plan of the module assumes instead of its own, or null: only where the
     * module assumes a role at all (not where it uses the pipeline's credentials as they are).
     */
    public String planAssumeRoleArn(Module module) {
      return planAssumeRoleArn(module.accountId(), module.providers().assumeRoleArn() != null);
    }

    /** {@link #planAssumeRoleArn(Module)} for a decommission stub. */
    public String planAssumeRoleArn(Decommission stub) {
      return planAssumeRoleArn(stub.accountId(), stub.assumesRole());
    }

    private String planAssumeRoleArn(String accountId, boolean assumesRole) {
      return planAssumeRoleName == null || !assumesRole ? null : "arn:aws:iam::" + accountId + ":role/" + planAssumeRoleName;
    }
  }

  /**
   * Why a module must be applied after another.
   *
   * @param path the module that must be applied first
   * @param reason what this module names that the other one creates
   */
  public record Dependency(String path, String reason) {}

  /**
   * What the organization must already have, checked by {@code terraform plan} through the
   * {@code aws_organizations_organization} data source before anything is changed.
   *
   * @param organizationId the catalogue's organization: credentials of another fail the plan
   * @param rootId the catalogue's root id
   * @param backupPolicyType the BACKUP_POLICY type must be enabled on the root
   * @param trustedAccess service principals that need trusted access, each with the fixing command
   */
  public record Prerequisites(String organizationId, String rootId, boolean backupPolicyType, List<TrustedAccess> trustedAccess) {
    public Prerequisites {
      trustedAccess = List.copyOf(trustedAccess);
    }
  }

  public record TrustedAccess(String servicePrincipal, String why) {}

  /**
   * The coverage check of one attachment target: every active account AWS lists below it must be
   * protected by the catalogue (a module, or the baseline StackSet) or deliberately excluded, and
   * every account the catalogue places there must really be there.
   *
   * @param resourceName the data source's name
   * @param targetKind root or organizational unit
   * @param targetName the catalogue's name for it
   * @param targetId {@code r-...} or {@code ou-...}
   * @param policies the policies attached there
   * @param expected account ids the catalogue places below the target (each has its module)
   * @param excluded account ids deliberately left unprotected, with the reason
   * @param baseline true when the baseline StackSet covers every account below the target
   */
  public record Coverage(
      String resourceName, String targetKind, String targetName, String targetId, List<String> policies,
      List<String> expected, Map<String, String> excluded, boolean baseline, String source) {
    public Coverage {
      policies = List.copyOf(policies);
      expected = List.copyOf(expected);
    }
  }

  /**
   * AWS Backup's Region settings of an account: the resource types opted in (a tag selection backs
   * up only opted-in types) and full AWS Backup management (needed for cross-account copies of
   * DynamoDB).
   *
   * @param optIn types turned on; the types not listed are left as they are
   * @param unmanaged the other known types, which the module ignores instead of switching off
   * @param fullManagement types whose full management is turned on
   * @param unmanagedFullManagement the other full-management keys AWS returns, ignored likewise
   */
  public record RegionSettings(
      String resourceName, String region, String providerAlias, List<String> optIn, List<String> unmanaged,
      List<String> fullManagement, List<String> unmanagedFullManagement, String source) {
    public RegionSettings {
      optIn = List.copyOf(optIn);
      unmanaged = List.copyOf(unmanaged);
      fullManagement = List.copyOf(fullManagement);
      unmanagedFullManagement = List.copyOf(unmanagedFullManagement);
    }
  }

  /**
   * A KMS grant on a key of the account's own resources (organization.accounts.NAME.resource_keys):
   * to the account its backups are copied to (AWS Backup cannot copy backups of types it does not
   * fully manage to another account otherwise), or, when {@code restoreTesting}, to the account's
   * restore testing role, whose restores of such backups use that key ({@code grantee} is then the
   * role's Terraform reference).
   */
  public record KeyGrant(
      String resourceName, String keyArn, String region, String providerAlias, String granteeAccount, String grantee,
      List<String> operations, String source, boolean restoreTesting) {
    public KeyGrant {
      operations = List.copyOf(operations);
    }
  }

  /**
   * The baseline StackSet: the backup role and member vaults in every account of some OUs.
   *
   * @param callAs {@code DELEGATED_ADMIN} or {@code SELF}
   * @param organizationalUnitIds where it deploys
   * @param excludedAccountIds accounts there that have their own module (or are excluded)
   * @param regions the regions of its stack instances; the first one holds the IAM role
   * @param template the CloudFormation template
   */
  public record StackSet(
      String name, String callAs, List<String> organizationalUnitIds, List<String> organizationalUnits,
      List<String> excludedAccountIds, List<String> regions, boolean retainOnAccountRemoval, Document template,
      String source) {
    public StackSet {
      organizationalUnitIds = List.copyOf(organizationalUnitIds);
      organizationalUnits = List.copyOf(organizationalUnits);
      excludedAccountIds = List.copyOf(excludedAccountIds);
      regions = List.copyOf(regions);
    }
  }

  /** The AWS providers: a default one in the home region for global resources, one alias per region. */
  public record Providers(
      String homeRegion, List<RegionProvider> regions, String accountId, String assumeRoleArn, Map<String, String> defaultTags) {
    public Providers {
      regions = List.copyOf(regions);
    }
  }

  public record RegionProvider(String region, String alias) {}

  /**
   * The management account's organization-level resources.
   *
   * @param globalSettings AWS Backup global settings the catalogue turns on (never off)
   * @param unmanagedGlobalSettings the other settings, left as they are (ignored, not switched off)
   * @param delegatedPolicyTypes policy types the catalogue's own resource-policy statements name
   *     (organizations:PolicyType in their conditions)
   * @param ramSharingFor the air-gapped vaults shared through AWS RAM, for which the module enables
   *     RAM's sharing with AWS Organizations (empty: not managed)
   */
  public record Management(
      List<DelegatedAdministrator> delegatedAdministrators, Document resourcePolicy, Map<String, String> globalSettings,
      List<String> unmanagedGlobalSettings, List<String> delegatedPolicyTypes, List<String> ramSharingFor, String source) {
    public Management {
      delegatedAdministrators = List.copyOf(delegatedAdministrators);
      unmanagedGlobalSettings = List.copyOf(unmanagedGlobalSettings);
      delegatedPolicyTypes = List.copyOf(delegatedPolicyTypes);
      ramSharingFor = List.copyOf(ramSharingFor);
    }
  }

  public record DelegatedAdministrator(String resourceName, String name, String accountId, String servicePrincipal, String why) {}

  /** An organization backup policy and where it is attached. */
  public record OrgPolicy(
      String resourceName, String name, String description, String content, int length, List<Attachment> attachments,
      String source) {
    public OrgPolicy {
      attachments = List.copyOf(attachments);
    }
  }

  public record Attachment(String resourceName, String targetKind, String targetName, String targetId) {}

  /** A backup IAM role: backup_role, or an entry of backup_roles. */
  public record Role(
      String resourceName, String name, String path, String permissionsBoundary, Document trustPolicy,
      List<ManagedPolicy> managedPolicies, List<InlinePolicy> inlinePolicies, String source) {
    public Role {
      managedPolicies = List.copyOf(managedPolicies);
      inlinePolicies = List.copyOf(inlinePolicies);
    }
  }

  /** An inline policy of the backup role: use of another account's vault keys. */
  public record InlinePolicy(String resourceName, String name, String comment, String policy) {}

  public record ManagedPolicy(String resourceName, String arn, String reason) {}

  /** A customer-managed KMS key for one vault in one region. */
  public record Key(
      String resourceName, String vault, String region, String providerAlias, String alias, boolean rotation,
      int deletionWindowDays, String description, Document policy, String source) {}

  /**
   * A vault in one region, with its lock and access policy; {@code copiesFrom} names the accounts
   * copying in; {@code notifications} the events it publishes to a topic of the same module, or null.
   */
  public record Vault(
      String resourceName, String name, String region, String providerAlias, String keyResource, String keyArn, Lock lock,
      Document accessPolicy, Map<String, String> tags, List<String> copiesFrom, String restoresFrom,
      VaultNotification notifications, AirGapped airGapped, String source) {
    public Vault {
      copiesFrom = List.copyOf(copiesFrom);
    }

    /** The vault's Terraform address: a standard or a logically air-gapped vault. */
    @com.fasterxml.jackson.annotation.JsonProperty("address")
    public String address() {
      return (airGapped == null ? "aws_backup_vault." : "aws_backup_logically_air_gapped_vault.") + resourceName;
    }
  }

  /**
   * What makes a vault logically air-gapped: its retention bounds (AWS's compliance lock) and the
   * accounts it is shared with through AWS RAM.
   *
   * @param shareWith account name -> account id
   */
  public record AirGapped(int minRetentionDays, int maxRetentionDays, String shareName, Map<String, String> shareWith) {}

  /** The events a vault publishes and the topic (a resource of the same module) they go to. */
  public record VaultNotification(String topicResource, List<String> events) {
    public VaultNotification {
      events = List.copyOf(events);
    }
  }

  /**
   * An SNS topic for vault events in one account and region, with its own customer-managed key
   * (whose policy lets AWS Backup publish to the encrypted topic), its topic policy and subscriptions.
   *
   * @param vaults the vaults publishing to it, for the comments
   * @param eventRules the ARNs of the EventBridge rules publishing job events to it (organization_events)
   */
  public record Topic(
      String resourceName, String name, String region, String providerAlias, String keyAlias, Document keyPolicy,
      Document policy, List<TopicSubscription> subscriptions, Map<String, String> tags, List<String> vaults,
      List<String> eventRules, String source) {
    public Topic {
      subscriptions = List.copyOf(subscriptions);
      vaults = List.copyOf(vaults);
      eventRules = List.copyOf(eventRules);
    }
  }

  /**
   * AWS Backup's job events of one module (notifications.organization_events): in a forwarding
   * account, the role EventBridge assumes and the rules forwarding the matching events from the
   * default event bus to the receiving account's bus in the same Region; in the receiving account,
   * the buses collecting them, each with its policy and a rule publishing to the topic, and the
   * rules publishing the account's own job events straight to it.
   *
   * @param receiver the receiving account's name
   * @param forwardingRole the role of the forwarding rules' targets, or null in the receiving account
   * @param forwards the forwarding rules, one per Region
   * @param buses the receiving buses, one per Region where another account forwards
   * @param ownJobs the rules publishing the receiving account's own job events from its default bus
   */
  public record JobEvents(String receiver, Role forwardingRole, List<EventRule> forwards, List<EventBus> buses,
      List<EventRule> ownJobs, String source) {
    public JobEvents {
      forwards = List.copyOf(forwards);
      buses = List.copyOf(buses);
      ownJobs = List.copyOf(ownJobs);
    }
  }

  /**
   * An EventBridge rule and its one target.
   *
   * @param pattern the event pattern (JSON)
   * @param targetArn the target written literally (another account's bus), or null when
   *     {@code targetResource} names it
   * @param targetResource the Terraform address of the target in this module, or null
   */
  public record EventRule(
      String resourceName, String name, String region, String providerAlias, String description, Document pattern,
      String targetId, String targetArn, String targetResource) {}

  /**
   * A receiving event bus in one Region: its policy lets exactly the forwarding roles of the
   * catalogue's accounts put events; its rule publishes them to {@code alerts.targetResource}.
   *
   * @param senders account name -> id of the accounts forwarding to it
   */
  public record EventBus(
      String resourceName, String name, String region, String providerAlias, String arn, Document policy,
      Map<String, String> senders, EventRule alerts) {
    public EventBus {
      senders = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(senders));
    }
  }

  /**
   * A subscription; {@code filterPolicy} is the SNS filter policy JSON, or null for every message;
   * {@code note} what must happen outside Terraform before messages arrive.
   */
  public record TopicSubscription(
      String resourceName, String protocol, String endpoint, String filterPolicy, String note, String source) {}

  /**
   * A subscription of an SQS queue of this module's account to a topic of another account of the
   * catalogue, created by the queue's account: a subscription created by the topic's account would
   * need the queue owner's confirmation, and the Terraform AWS provider re-creates it at every apply
   * (aws_sns_topic_subscription). The provider is the queue account's in the topic's region.
   *
   * @param topicArn the topic's ARN, written literally (the topic is a resource of another module)
   * @param topicModule the module that creates the topic and the policy letting this account subscribe
   */
  public record QueueSubscription(
      String resourceName, String topicArn, String topicModule, String region, String providerAlias, String endpoint,
      String filterPolicy, String note, String source) {}

  /** A vault lock; {@code compliance} locks are immutable once {@code changeableForDays} have passed. */
  public record Lock(String mode, Integer minRetentionDays, Integer maxRetentionDays, Integer changeableForDays) {}

  /**
   * A restore testing plan in one region of an account, testing recovery points of vaults of the
   * same module.
   *
   * @param vaultResources the tested vaults' resources
   * @param algorithm and {@code recoveryPointTypes} as AWS spells them (LATEST_WITHIN_WINDOW, SNAPSHOT)
   */
  public record RestoreTest(
      String resourceName, String name, String region, String providerAlias, String schedule, String timezone,
      int startWindowHours, String algorithm, List<String> vaultResources, List<String> recoveryPointTypes,
      int selectionWindowDays, Map<String, String> tags, List<RestoreTestSelection> selections, String source) {
    public RestoreTest {
      vaultResources = List.copyOf(vaultResources);
      recoveryPointTypes = List.copyOf(recoveryPointTypes);
      selections = List.copyOf(selections);
    }
  }

  /** What a restore testing plan restores: one protected resource type, by ARN and tag conditions. */
  public record RestoreTestSelection(
      String resourceName, String name, String resourceType, List<String> resources, List<SelectionTag> tagEquals,
      List<SelectionTag> tagNotEquals, Integer validationWindowHours, Map<String, String> restoreMetadataOverrides,
      String source) {
    public RestoreTestSelection {
      resources = List.copyOf(resources);
      tagEquals = List.copyOf(tagEquals);
      tagNotEquals = List.copyOf(tagNotEquals);
    }
  }

  /**
   * A backup plan in one region (single-account catalogues).
   *
   * @param scanResourceTypes the resource types its scan setting scans for malware (GuardDuty), empty for none
   */
  public record BackupPlan(
      String resourceName, String name, String region, String providerAlias, List<PlanRule> rules, boolean windowsVss,
      Map<String, String> tags, List<PlanSelection> selections, List<String> scanResourceTypes, String source) {
    public BackupPlan {
      rules = List.copyOf(rules);
      selections = List.copyOf(selections);
      scanResourceTypes = List.copyOf(scanResourceTypes);
    }
  }

  /** A rule of a backup plan; {@code scanMode} is AWS's ScanMode (FULL_SCAN, INCREMENTAL_SCAN), or null for no scan. */
  public record PlanRule(
      String name, String vaultResource, String schedule, String timezone, int startWindow, int completionWindow,
      boolean continuous, PlanLifecycle lifecycle, List<PlanCopy> copies, Map<String, String> recoveryPointTags,
      String scanMode) {
    public PlanRule {
      copies = List.copyOf(copies);
    }
  }

  public record PlanLifecycle(Integer coldStorageAfter, int deleteAfter, boolean optInToArchive) {}

  public record PlanCopy(String vaultResource, PlanLifecycle lifecycle) {}

  public record PlanSelection(
      String resourceName, String name, List<String> resources, List<String> notResources, List<SelectionTag> tags,
      List<SelectionCondition> conditions, String roleResource) {
    public PlanSelection {
      resources = List.copyOf(resources);
      notResources = List.copyOf(notResources);
      tags = List.copyOf(tags);
      conditions = List.copyOf(conditions);
    }
  }

  public record SelectionTag(String key, String value) {}

  public record SelectionCondition(String operator, String key, String value) {}

  /**
   * An AWS Backup Audit Manager framework: the catalogue's controls that cover the account, in one
   * region (frameworks and the AWS Config rules behind them are regional).
   */
  public record Framework(
      String resourceName, String name, String region, String providerAlias, String description, List<FrameworkControl> controls,
      String source) {
    public Framework {
      controls = List.copyOf(controls);
    }
  }

  /**
   * One control of a framework, with every input parameter spelt out (AWS's defaults too) and its
   * scope: resource types, or one tag.
   */
  public record FrameworkControl(String name, List<InputParameter> inputParameters, List<String> resourceTypes, SelectionTag tag) {
    public FrameworkControl {
      inputParameters = List.copyOf(inputParameters);
      resourceTypes = List.copyOf(resourceTypes);
    }
  }

  public record InputParameter(String name, String value) {}

  /**
   * An AWS Backup Audit Manager report plan.
   *
   * @param accounts account ids a cross-account report covers (empty: the module's own account)
   * @param regions the regions it covers (empty: the report plan's own region)
   * @param frameworkReferences Terraform references to the ARNs of the frameworks a compliance
   *     report covers in the module's own account
   */
  public record ReportPlan(
      String resourceName, String name, String description, String providerAlias, String template, String bucket, String keyPrefix,
      List<String> formats,
      List<String> accounts, List<String> regions, List<String> frameworkReferences, String source) {
    public ReportPlan {
      formats = List.copyOf(formats);
      accounts = List.copyOf(accounts);
      regions = List.copyOf(regions);
      frameworkReferences = List.copyOf(frameworkReferences);
    }
  }
}
