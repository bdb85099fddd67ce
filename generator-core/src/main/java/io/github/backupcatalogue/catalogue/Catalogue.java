package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The whole {@code backup-catalogue.yaml}, bound from YAML. Either {@code organization} (a
 * multi-account AWS Organization with backup policies) or {@code account} (one account that gets
 * backup plans directly) is set, never both.
 *
 * @param version the format version, always 1 for now
 * @param organization the AWS Organization, its OUs and accounts
 * @param account the single account, when there is no organization
 * @param settings AWS Backup's organization-wide settings
 * @param deployment how the generated Terraform reaches each account
 * @param backupRole the IAM role AWS Backup uses in every account
 * @param backupRoles further roles AWS Backup may assume, by the name selections use ({@code role:})
 * @param vaults vault definitions by vault name
 * @param plans backup plans by plan name
 * @param policies organization backup policies by policy name
 * @param dataClassification the tag that maps data classifications to plans
 * @param notifications SNS topics for vault events
 * @param restoreTesting restore testing plans by plan name
 * @param acknowledge warnings the catalogue accepts, each with its code, place and reason
 * @param controls the AWS Backup Audit Manager controls every account in their scope must meet, by
 *     control name: checked before apply against each account's effective plans, and deployed as
 *     frameworks so that AWS checks them after apply
 * @param auditReports AWS Backup Audit Manager report plans and the bucket they deliver to
 */
public record Catalogue(
    @Doc(value = "The format version, always 1 for now.", minimum = 1, maximum = 1, example = "1") @JsonProperty(required = true) Integer version,
    @Doc("The AWS Organization, its OUs and accounts.") Organization organization,
    @Doc("The single account, when there is no organization.") SingleAccount account,
    @Doc("AWS Backup's organization-wide settings.") Settings settings,
    @Doc("How the generated Terraform reaches each account.") Deployment deployment,
    @Doc("The IAM role AWS Backup uses in every account.") BackupRole backupRole,
    @Doc("Further IAM roles AWS Backup may assume, by the key selections name in 'role:'; each is created, with the "
        + "policies of backup_role, in every account that receives a plan using it (default: none, every selection uses "
        + "backup_role).") Map<String, NamedBackupRole> backupRoles,
    @Doc("Vault definitions by vault name.") @JsonProperty(required = true) Map<String, Vault> vaults,
    @Doc("Backup plans by plan name.") @JsonProperty(required = true) Map<String, Plan> plans,
    @Doc("Organization backup policies by policy name.") Map<String, Policy> policies,
    @Doc("The tag that maps data classifications to plans.") DataClassification dataClassification,
    @Doc("SNS topics vaults publish their events to.") Notifications notifications,
    @Doc("Restore testing plans by plan name.") Map<String, RestoreTestingPlan> restoreTesting,
    @Doc("Warnings the catalogue accepts, each with its code, place and reason.") List<Acknowledgement> acknowledge,
    @Doc("The AWS Backup Audit Manager controls every account in their scope must meet, by control name: checked before apply against each account's effective plans, and deployed as frameworks so that AWS checks them after apply.") Map<String, Control> controls,
    @Doc("AWS Backup Audit Manager report plans and the bucket they deliver to.") AuditReports auditReports) {

  public Catalogue {
    settings = Immutables.orDefault(settings, new Settings(null, null));
    deployment = Immutables.orDefault(deployment, new Deployment(null, null, null, null, null));
    backupRole = Immutables.orDefault(backupRole, new BackupRole(null, null, null));
    backupRoles = Immutables.map(backupRoles);
    vaults = Immutables.map(vaults);
    plans = Immutables.map(plans);
    policies = Immutables.map(policies);
    notifications = Immutables.orDefault(notifications, new Notifications(null, null));
    restoreTesting = Immutables.map(restoreTesting);
    acknowledge = Immutables.list(acknowledge);
    controls = Immutables.map(controls);
  }

  /** True when the catalogue declares controls or audit reports: then the compliance report is written. */
  public boolean declaresCompliance() {
    return !controls.isEmpty() || auditReports != null;
  }

  /** The role a selection names ({@code role:}), or {@code backup_role} when it names none. */
  public BackupRole roleOf(Selection selection) {
    return selection.role() == null || !backupRoles.containsKey(selection.role()) ? backupRole
        : backupRoles.get(selection.role()).resolve(selection.role());
  }

  /** True when the catalogue describes one account that gets plans directly. */
  public boolean singleAccount() {
    return organization == null;
  }
}
