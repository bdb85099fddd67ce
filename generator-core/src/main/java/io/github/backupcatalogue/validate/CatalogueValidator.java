package io.github.backupcatalogue.validate;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.backupcatalogue.catalogue.Account;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.CopyAction;
import io.github.backupcatalogue.catalogue.DataClassification;
import io.github.backupcatalogue.catalogue.KeyType;
import io.github.backupcatalogue.catalogue.Lifecycle;
import io.github.backupcatalogue.catalogue.Plan;
import io.github.backupcatalogue.catalogue.Rule;
import io.github.backupcatalogue.catalogue.Selection;
import io.github.backupcatalogue.catalogue.Vault;
import io.github.backupcatalogue.catalogue.VaultLocation;
import io.github.backupcatalogue.catalogue.VaultLock;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.Severity;
import io.github.backupcatalogue.load.SourceMap;
import io.github.backupcatalogue.load.Suggestions;
import io.github.backupcatalogue.plan.Scope;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Stage 2, validate: every rule AWS would otherwise enforce only at {@code terraform apply} or,
 * worse, when a backup job runs. Reports all problems in one pass; each diagnostic points at the
 * value it is about. See the README's table of codes.
 */
public final class CatalogueValidator extends RuleSupport {

  public static final int MAX_DELEGATED_ADMINISTRATORS = 5;
  /** Longest time zone name looked up (the longest IANA name has 32 characters). */
  public static final int MAX_TIME_ZONE_LENGTH = 50;


  private static final Pattern RULE_NAME = Pattern.compile("[0-9A-Za-z_.-]{1,50}");
  private static final Pattern PLAN_NAME = Pattern.compile("[0-9A-Za-z_.-]{1,50}");

  /** "Now", for schedules that fire only in past years (BC208) and their gaps (BC307). */
  private final Clock clock;

  public CatalogueValidator(SourceMap sourceMap) {
    this(sourceMap, Clock.systemUTC());
  }

  /** A validator whose "now" is {@code clock}'s, so that tests are deterministic. */
  public CatalogueValidator(SourceMap sourceMap, Clock clock) {
    super(sourceMap, new ArrayList<>());
    this.clock = clock;
  }

  /** All problems of the catalogue; none means generation may go ahead. */
  public List<Diagnostic> validate(Catalogue catalogue) {
    new ShapeRules(sourceMap, problems).check(catalogue);
    new RoleRules(sourceMap, problems).check(catalogue);
    new VaultRules(sourceMap, problems).check(catalogue);
    checkPlans(catalogue);
    if (catalogue.organization() != null) {
      new OrganizationStructureRules(sourceMap, problems).check(catalogue, catalogue.organization());
      new PolicyRules(sourceMap, problems).check(catalogue, catalogue.organization());
    }
    checkClassification(catalogue);
    checkCopyWiring(catalogue);
    problems.addAll(AwsStrings.check(catalogue, sourceMap));
    OrganizationRules organizationRules = new OrganizationRules(sourceMap);
    if (problems.stream().noneMatch(d -> d.severity() == Severity.ERROR)) {
      problems.addAll(organizationRules.check(catalogue));
    }
    if (problems.stream().noneMatch(d -> d.severity() == Severity.ERROR)) {
      checkScope(catalogue);
      problems.addAll(organizationRules.checkScope(catalogue, Scope.of(catalogue)));
    }
    return List.copyOf(problems);
  }

  // ---------------------------------------------------------------- plans

  private void checkPlans(Catalogue c) {
    c.plans().forEach((planName, plan) -> {
      JsonPointer p = ptr("plans", planName);
      if (!PLAN_NAME.matcher(planName).matches()) {
        error("BC107", sourceMap.key(p), "plan name '" + planName + "' is not valid", "use 1-50 letters, digits and _.-");
      }
      checkRegions(plan.regions(), p.appendProperty("regions"));
      if (plan.regions().isEmpty()) {
        error("BC106", sourceMap.key(p.appendProperty("regions")), "plan '" + planName + "' has no regions", "list at least one region");
      }
      if (plan.rules().isEmpty()) {
        error("BC012", sourceMap.key(p.appendProperty("rules")), "plan '" + planName + "' has no rules", "add a rule");
      }
      plan.rules().forEach((ruleName, rule) -> checkRule(c, planName, plan, ruleName, rule, p.appendProperty("rules").appendProperty(ruleName)));
      plan.selections().forEach((selName, sel) -> checkSelection(selName, sel, p.appendProperty("selections").appendProperty(selName)));
      if (plan.selections().isEmpty() && !classifies(c, planName)) {
        error("BC241", sourceMap.key(p), "plan '" + planName + "' selects nothing",
            "add a selection, or map a data classification value to it");
      }
    });
  }

  private static boolean classifies(Catalogue c, String plan) {
    return c.dataClassification() != null
        && c.dataClassification().values().values().stream().anyMatch(plans -> plans.contains(plan));
  }

  private void checkRule(Catalogue c, String planName, Plan plan, String ruleName, Rule rule, JsonPointer p) {
    if (!RULE_NAME.matcher(ruleName).matches()) {
      error("BC107", sourceMap.key(p), "rule name '" + ruleName + "' is not valid", "use 1-50 letters, digits and _.-");
    }
    AwsCron.check(rule.schedule()).ifPresentOrElse(problem -> error(problem.tooFrequent() ? "BC202" : "BC201",
        sourceMap.value(p.appendProperty("schedule")), problem.message(), problem.hint()),
        () -> ScheduleChecks.check(rule, sourceMap.value(p.appendProperty("schedule")), clock).forEach(problems::add));
    if (rule.timezone() != null && rule.timezone().length() > MAX_TIME_ZONE_LENGTH) {
      error("BC203", sourceMap.value(p.appendProperty("timezone")), "the time zone is " + rule.timezone().length()
          + " characters; IANA time zone names have at most " + MAX_TIME_ZONE_LENGTH, "e.g. Europe/London or America/New_York");
    } else if (rule.timezone() != null && !ZoneId.getAvailableZoneIds().contains(rule.timezone())) {
      error("BC203", sourceMap.value(p.appendProperty("timezone")), "'" + rule.timezone() + "' is not an IANA time zone",
          "e.g. Europe/London or America/New_York"
              + Suggestions.closest(rule.timezone(), ZoneId.getAvailableZoneIds()).map(s -> "; did you mean " + s + "?").orElse(""));
    }
    int start = rule.startWindowMinutes();
    int completion = rule.completionWindowMinutes();
    if (start < 60) {
      error("BC204", sourceMap.value(p.appendProperty("start_window_minutes")), "start_window_minutes is " + start
          + "; AWS requires at least 60", "use 60 or more (the default is 480)");
    }
    if (completion <= start) {
      error("BC205", sourceMap.value(p.appendProperty(rule.completionWindowMinutes() == Rule.DEFAULT_COMPLETION_WINDOW_MINUTES
              ? "start_window_minutes" : "completion_window_minutes")),
          "completion_window_minutes (" + completion + ") is not longer than start_window_minutes (" + start
              + "); the completion window counts from the scheduled time, so a job that starts late is cancelled",
          "make the completion window longer than the start window");
    }
    int centuryOfMinutes = 52_560_000;
    if (start > centuryOfMinutes || completion > centuryOfMinutes) {
      error("BC206", sourceMap.value(p), "a backup window is longer than AWS's maximum of 100 years", null);
    }
    JsonPointer lp = p.appendProperty("lifecycle");
    checkLifecycle(rule.lifecycle(), rule.continuousBackup(), lp);
    if (rule.continuousBackup() && rule.lifecycle().optInToArchive()) {
      error("BC212", sourceMap.value(lp.appendProperty("opt_in_to_archive")), "continuous backups cannot be archived",
          "remove opt_in_to_archive, or disable continuous_backup");
    }
    Vault target = c.vaults().get(rule.vault());
    if (reference(rule.vault(), c.vaults().keySet(), "vault", p.appendProperty("vault"), false)) {
      if (target.location() == VaultLocation.CENTRAL_ACCOUNT) {
        error("BC233", sourceMap.value(p.appendProperty("vault")), "rule '" + ruleName + "' backs up into central vault '"
            + rule.vault() + "'; a rule's vault must be in the same account as the resources",
            "target a member vault and add 'copy_to: [{vault: " + rule.vault() + "}]'");
      } else {
        checkRetentionAgainstLock(rule.lifecycle(), rule.continuousBackup(), rule.vault(), target, lp, "recovery points");
      }
    }
    for (int i = 0; i < rule.copyTo().size(); i++) {
      CopyAction copy = rule.copyTo().get(i);
      JsonPointer cp = p.appendProperty("copy_to").appendIndex(i);
      if (copy.region() != null) {
        checkRegion(copy.region(), cp.appendProperty("region"));
      } else if (plan.regions().size() > 1) {
        error("BC237", sourceMap.value(cp), "plan '" + planName + "' runs in " + plan.regions().size()
            + " regions, so the copy to '" + copy.vault() + "' needs a region",
            "add 'region: <region>' to this copy; a copy action names one destination vault ARN");
      }
      if (copy.lifecycle() != null) {
        checkLifecycle(copy.lifecycle(), false, cp.appendProperty("lifecycle"));
      }
      if (reference(copy.vault(), c.vaults().keySet(), "vault", cp.appendProperty("vault"), false)) {
        Vault destination = c.vaults().get(copy.vault());
        Lifecycle effective = copy.lifecycle() != null ? copy.lifecycle() : rule.lifecycle();
        checkRetentionAgainstLock(effective, false, copy.vault(), destination,
            copy.lifecycle() != null ? cp.appendProperty("lifecycle") : cp, "copies");
        // A copy without a region stays in each plan region; one with a region lands in the vault the
        // rule itself backs up to wherever the plan also runs in that region.
        boolean sameRegion = copy.region() == null || plan.regions().contains(copy.region());
        if (copy.vault().equals(rule.vault()) && sameRegion) {
          error("BC236", sourceMap.value(cp.appendProperty("vault")), "rule '" + ruleName
              + "' copies into the vault it backs up to, in the same region"
              + (copy.region() == null ? "" : " (" + copy.region() + ", where plan '" + planName + "' also runs)"),
              "copy to another vault or another region");
        }
      }
    }
  }

  private void checkLifecycle(Lifecycle lifecycle, boolean continuous, JsonPointer p) {
    Integer cold = lifecycle.coldStorageAfterDays();
    Integer delete = lifecycle.deleteAfterDays();
    if (delete == null) {
      error("BC215", sourceMap.key(p), "the lifecycle has no delete_after_days",
          "say how long recovery points are kept, e.g. 'delete_after_days: 35'; without it they are kept for ever");
      return;
    }
    if (delete < 1) {
      error("BC215", sourceMap.value(p.appendProperty("delete_after_days")), "delete_after_days must be at least 1", null);
    }
    if (cold != null && continuous) {
      error("BC212", sourceMap.value(p.appendProperty("cold_storage_after_days")),
          "continuous backups cannot move to cold storage", "remove cold_storage_after_days, or disable continuous_backup");
    } else if (cold != null && delete < cold + 90) {
      error("BC211", sourceMap.value(p.appendProperty("delete_after_days")), "delete_after_days (" + delete
          + ") must be at least 90 days after cold_storage_after_days (" + cold + ")",
          "AWS keeps recovery points in cold storage for at least 90 days: use delete_after_days: " + (cold + 90) + " or more");
    }
    if (continuous && (delete < 1 || delete > 35)) {
      error("BC213", sourceMap.value(p.appendProperty("delete_after_days")), "continuous backups are kept 1 to 35 days, not "
          + delete, "use delete_after_days: 35 or less, and a snapshot rule for longer retention");
    }
  }

  private void checkRetentionAgainstLock(Lifecycle lifecycle, boolean continuous, String vaultName, Vault vault, JsonPointer p,
      String what) {
    VaultLock lock = vault.lock();
    Integer delete = lifecycle.deleteAfterDays();
    if (lock == null || delete == null) {
      return;
    }
    JsonPointer at = p.appendProperty("delete_after_days");
    if (lock.minRetentionDays() != null && delete < lock.minRetentionDays()) {
      error("BC214", sourceMap.value(at), what + " kept " + delete + " days go to vault '" + vaultName
          + "', whose lock requires at least " + lock.minRetentionDays() + " days; every job would fail",
          "keep them " + lock.minRetentionDays() + " days or more, or lower the lock's min_retention_days");
    }
    if (lock.maxRetentionDays() != null && delete > lock.maxRetentionDays()) {
      error("BC214", sourceMap.value(at), what + " kept " + delete + " days go to vault '" + vaultName
          + "', whose lock allows at most " + lock.maxRetentionDays() + " days; every job would fail",
          "keep them " + lock.maxRetentionDays() + " days or less, or raise the lock's max_retention_days");
    }
  }

  private void checkSelection(String name, Selection selection, JsonPointer p) {
    if (!RULE_NAME.matcher(name).matches()) {
      error("BC107", sourceMap.key(p), "selection name '" + name + "' is not valid", "use 1-50 letters, digits and _.-");
    }
    boolean byType = !selection.resourceTypes().isEmpty();
    boolean byTag = selection.tag() != null;
    if (byType == byTag) {
      error("BC241", sourceMap.key(p), byType ? "selection '" + name + "' has both resource_types and tag"
          : "selection '" + name + "' has neither resource_types nor tag",
          "AWS selections pick resources by type or by tag; split it into two selections");
    }
    for (int i = 0; i < selection.resourceTypes().size(); i++) {
      checkResourceType(selection.resourceTypes().get(i), p.appendProperty("resource_types").appendIndex(i));
      if (selection.resourceTypes().get(i).equals("S3")) {
        warning("BC301", sourceMap.value(p.appendProperty("resource_types").appendIndex(i)),
            "S3 is selected: AWS Backup backs up only buckets with versioning enabled",
            "enable versioning (and a lifecycle rule for noncurrent versions) on the buckets to back up");
      }
    }
    for (int i = 0; i < selection.excludeResources().size(); i++) {
      checkResourceType(selection.excludeResources().get(i), p.appendProperty("exclude_resources").appendIndex(i));
    }
    if (selection.conditions().count() > 30) {
      error("BC242", sourceMap.key(p.appendProperty("conditions")), "selection '" + name + "' has "
          + selection.conditions().count() + " conditions; AWS allows 30", "split the selection");
    }
  }

  private void checkResourceType(String type, JsonPointer p) {
    if (ResourceTypes.arnPattern(type).isEmpty()) {
      error("BC243", sourceMap.value(p), "'" + type + "' is not a resource type this catalogue knows"
          + Suggestions.closest(type, ResourceTypes.names()).map(s -> "; did you mean '" + s + "'?").orElse(""),
          "use one of " + String.join(", ", ResourceTypes.names()) + ", an ARN pattern (arn:aws:...), or *");
    }
  }

  private void checkClassification(Catalogue c) {
    DataClassification dc = c.dataClassification();
    if (dc == null) {
      return;
    }
    if (dc.tagKey().isBlank() || dc.tagKey().length() > 128) {
      error("BC107", value("data_classification", "tag_key"), "the classification tag key must be 1-128 characters", null);
    }
    dc.values().forEach((value, plans) -> {
      JsonPointer p = ptr("data_classification", "values", value);
      if (plans.isEmpty()) {
        error("BC104", sourceMap.key(p), "classification '" + value + "' maps to no plan", "list the plans it needs");
      }
      for (int i = 0; i < plans.size(); i++) {
        reference(plans.get(i), c.plans().keySet(), "plan", p.appendIndex(i), false);
      }
    });
  }

  // ---------------------------------------------------------------- cross-account wiring

  private void checkCopyWiring(Catalogue c) {
    c.plans().forEach((planName, plan) -> plan.rules().forEach((ruleName, rule) -> {
      for (int i = 0; i < rule.copyTo().size(); i++) {
        Vault destination = c.vaults().get(rule.copyTo().get(i).vault());
        if (destination == null || destination.location() != VaultLocation.CENTRAL_ACCOUNT) {
          continue;
        }
        JsonPointer cp = ptr("plans", planName, "rules", ruleName, "copy_to").appendIndex(i).appendProperty("vault");
        String vaultName = rule.copyTo().get(i).vault();
        if (destination.encryption().key() == KeyType.AWS_MANAGED) {
          error("BC231", sourceMap.value(cp), "copies go to vault '" + vaultName + "' in another account, but it is "
              + "encrypted with the AWS managed key, whose policy cannot let other accounts in",
              "use 'key: create' (the default) for vault '" + vaultName + "'");
        }
        if (destination.encryption().key() == KeyType.EXISTING) {
          warning("BC302", sourceMap.value(cp), "vault '" + vaultName + "' uses an existing key; the generator cannot "
              + "add the source accounts' backup roles to its key policy", "grant those roles kms:Encrypt, Decrypt, "
              + "ReEncrypt*, GenerateDataKey*, DescribeKey and CreateGrant in the key's policy yourself");
        }
        if (Boolean.FALSE.equals(destination.accessPolicy().allowCopyFromOrganization())) {
          error("BC238", sourceMap.value(cp), "copies go to vault '" + vaultName + "' from other accounts, but its "
              + "access policy does not allow copies in; every copy job would fail with AccessDenied",
              "remove 'allow_copy_from_organization: false' from vault '" + vaultName + "'");
        }
        if (!c.settings().crossAccountBackup()) {
          error("BC232", sourceMap.value(cp), "copies go to another account, but settings.cross_account_backup is off",
              "set 'settings: {cross_account_backup: true}'");
        }
      }
    }));
  }

  // ---------------------------------------------------------------- scope (needs valid references)

  private void checkScope(Catalogue c) {
    Scope scope = Scope.of(c);
    if (c.organization() != null && c.organization().centralBackupAccount() != null) {
      String central = c.organization().centralBackupAccount();
      Account account = c.organization().accounts().get(central);
      scope.centralRegions().forEach((vault, regions) -> regions.forEach(region -> {
        if (!account.regions().isEmpty() && !account.regions().contains(region)) {
          error("BC235", value("organization", "accounts", central, "regions"), "copies go to central vault '" + vault
              + "' in " + region + ", which the central account '" + central + "' does not list",
              "add " + region + " to its regions, or copy to a listed region");
        }
      }));
    }
    scope.skippedRegions().forEach(skip -> warning("BC303", value("organization", "accounts", skip.account(), "regions"),
        "plan '" + skip.plan() + "' runs in " + skip.region() + " for account '" + skip.account()
            + "', which does not list that region; no vault is generated there",
        "add " + skip.region() + " to the account's regions if it has resources there, or their backup jobs fail"));
  }
}
