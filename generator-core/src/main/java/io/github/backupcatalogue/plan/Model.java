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
   * Everything to generate.
   *
   * @param catalogue the catalogue's file name, for the comments
   * @param modules the root modules in apply order
   */
  public record Output(String catalogue, List<Module> modules) {
    public Output {
      modules = List.copyOf(modules);
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
   * @param after modules that must be applied before this one, with the reason
   */
  public record Module(
      int order,
      String path,
      String accountName,
      String accountId,
      String purpose,
      List<String> after,
      Providers providers,
      Management management,
      List<OrgPolicy> policies,
      Role role,
      List<Key> keys,
      List<Vault> vaults,
      List<BackupPlan> backupPlans) {
    public Module {
      after = List.copyOf(after);
      policies = List.copyOf(policies);
      keys = List.copyOf(keys);
      vaults = List.copyOf(vaults);
      backupPlans = List.copyOf(backupPlans);
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

  /** The management account's organization-level resources. */
  public record Management(
      List<DelegatedAdministrator> delegatedAdministrators, String resourcePolicy, boolean crossAccountBackup, String source) {
    public Management {
      delegatedAdministrators = List.copyOf(delegatedAdministrators);
    }
  }

  public record DelegatedAdministrator(String resourceName, String name, String accountId) {}

  /** An organization backup policy and where it is attached. */
  public record OrgPolicy(
      String resourceName, String name, String description, String content, int length, List<Attachment> attachments,
      String source) {
    public OrgPolicy {
      attachments = List.copyOf(attachments);
    }
  }

  public record Attachment(String resourceName, String targetKind, String targetName, String targetId) {}

  /** The backup IAM role. */
  public record Role(
      String resourceName, String name, String path, String permissionsBoundary, String trustPolicy,
      List<ManagedPolicy> managedPolicies, String copyKeysPolicy, String source) {
    public Role {
      managedPolicies = List.copyOf(managedPolicies);
    }
  }

  public record ManagedPolicy(String resourceName, String arn, String reason) {}

  /** A customer-managed KMS key for one vault in one region. */
  public record Key(
      String resourceName, String vault, String region, String providerAlias, String alias, boolean rotation,
      int deletionWindowDays, String description, String policy, String source) {}

  /** A vault in one region, with its lock and access policy; {@code copiesFrom} names the accounts copying in. */
  public record Vault(
      String resourceName, String name, String region, String providerAlias, String keyResource, String keyArn, Lock lock,
      String accessPolicy, Map<String, String> tags, List<String> copiesFrom, String source) {
    public Vault {
      copiesFrom = List.copyOf(copiesFrom);
    }
  }

  public record Lock(String mode, Integer minRetentionDays, Integer maxRetentionDays, Integer changeableForDays) {}

  /** A backup plan in one region (single-account catalogues). */
  public record BackupPlan(
      String resourceName, String name, String region, String providerAlias, List<PlanRule> rules, boolean windowsVss,
      Map<String, String> tags, List<PlanSelection> selections, String source) {
    public BackupPlan {
      rules = List.copyOf(rules);
      selections = List.copyOf(selections);
    }
  }

  public record PlanRule(
      String name, String vaultResource, String schedule, String timezone, int startWindow, int completionWindow,
      boolean continuous, PlanLifecycle lifecycle, List<PlanCopy> copies, Map<String, String> recoveryPointTags) {
    public PlanRule {
      copies = List.copyOf(copies);
    }
  }

  public record PlanLifecycle(Integer coldStorageAfter, int deleteAfter, boolean optInToArchive) {}

  public record PlanCopy(String vaultResource, PlanLifecycle lifecycle) {}

  public record PlanSelection(
      String resourceName, String name, List<String> resources, List<String> notResources, List<SelectionTag> tags,
      List<SelectionCondition> conditions) {
    public PlanSelection {
      resources = List.copyOf(resources);
      notResources = List.copyOf(notResources);
      tags = List.copyOf(tags);
      conditions = List.copyOf(conditions);
    }
  }

  public record SelectionTag(String key, String value) {}

  public record SelectionCondition(String operator, String key, String value) {}
}
