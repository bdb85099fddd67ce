package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The AWS Organization: who manages it, how backup policies are managed, its OU tree and accounts.
 *
 * @param id the organization id, {@code o-...}
 * @param rootId the root id, {@code r-...}
 * @param managementAccount the name (in {@code accounts}) of the management account
 * @param policyManagement where backup policies are created and attached from
 * @param delegatedAdministrators names of the accounts registered as AWS Backup delegated administrators
 * @param centralBackupAccount the name of the account holding the central copy vaults
 * @param organizationalUnits OUs by name
 * @param accounts accounts by name
 * @param excludedAccounts accounts that receive a backup policy but are deliberately not protected,
 *     by name, each with its id and the reason
 * @param decommissioned accounts leaving the catalogue whose modules become decommission stubs,
 *     by name, each with its id and the reason
 * @param baseline a StackSet that protects every account of some OUs, including later ones
 * @param resourcePolicyStatements statements added to the Organizations resource policy (there is
 *     one per organization: merge other delegations in here)
 */
public record Organization(
    @Doc(value = "The organization id, o-...", pattern = "^o-[a-z0-9]{10,32}$", example = "o-a1b2c3d4e5") @JsonProperty(required = true) String id,
    @Doc(value = "The root id, r-...", pattern = "^r-[0-9a-z]{4,32}$", example = "r-a1b2") @JsonProperty(required = true) String rootId,
    @Doc(value = "The name (in accounts) of the management account.", example = "management") @JsonProperty(required = true) String managementAccount,
    @Doc(value = "Where backup policies are created and attached from.", defaultValue = "delegated_administrator") PolicyManagement policyManagement,
    @Doc(value = "Names of the accounts registered as AWS Backup delegated administrators.", defaultValue = "[]", example = "[backup-admin]") List<String> delegatedAdministrators,
    @Doc(value = "The name of the account holding the central copy vaults.", example = "central-backup") String centralBackupAccount,
    @Doc("OUs by name.") Map<String, OrganizationalUnit> organizationalUnits,
    @Doc("Accounts by name.") @JsonProperty(required = true) Map<String, Account> accounts,
    @Doc("Accounts that receive a backup policy but are deliberately not protected, by name, each with its id and the reason.") Map<String, ExcludedAccount> excludedAccounts,
    @Doc("Accounts leaving the catalogue, by name, each with its id and the reason: their modules become decommission stubs that keep the backups (the build fails when a module would disappear without this).") Map<String, DecommissionedAccount> decommissioned,
    @Doc("A StackSet that protects every account of some OUs, including later ones.") Baseline baseline,
    @Doc("Statements added to the Organizations resource policy (there is one per organization: merge other delegations in here).") List<PolicyStatement> resourcePolicyStatements) {

  /** The name an OU or account uses for the organization root as its parent. */
  public static final String ROOT = "root";

  public Organization {
    policyManagement = Immutables.orDefault(policyManagement, PolicyManagement.DELEGATED_ADMINISTRATOR);
    delegatedAdministrators = Immutables.list(delegatedAdministrators);
    organizationalUnits = Immutables.map(organizationalUnits);
    accounts = Immutables.map(accounts);
    excludedAccounts = Immutables.map(excludedAccounts);
    decommissioned = Immutables.map(decommissioned);
    resourcePolicyStatements = Immutables.list(resourcePolicyStatements);
  }

  /** The account that creates and attaches backup policies. */
  public String policyAccount() {
    return policyManagement == PolicyManagement.MANAGEMENT_ACCOUNT || delegatedAdministrators.isEmpty()
        ? managementAccount
        : delegatedAdministrators.get(0);
  }
}
