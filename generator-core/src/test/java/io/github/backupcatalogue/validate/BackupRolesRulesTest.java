package io.github.backupcatalogue.validate;

import static io.github.backupcatalogue.Catalogues.headlines;
import static io.github.backupcatalogue.Catalogues.organizationWith;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** backup_roles and selections' role (BC160, BC540-BC542, BC364): exact message and position. */
class BackupRolesRulesTest {

  private static final String F = "backup-catalogue.yaml:";

  /** The base catalogue with a backup_roles section and the selection naming {@code role}. */
  static String withRole(String roles, String role) {
    return organizationWith("plans:\n", roles + "plans:\n")
        .replace("resource_types: [RDS]", "resource_types: [RDS]\n        role: " + role);
  }

  @Test
  void aSelectionNamingADefinedRoleIsValid() {
    assertThat(headlines(withRole("backup_roles:\n  DatabaseBackupRole: {path: /service-role/}\n", "DatabaseBackupRole")))
        .noneMatch(h -> h.contains("error") || h.contains("BC364"));
  }

  @Test
  void anUnknownRoleIsReportedAtTheReferenceWithASuggestion() {
    assertThat(headlines(withRole("backup_roles:\n  DatabaseBackupRole: {}\n", "DatabaseBackupRle")))
        .contains(F + "39:15: error[BC160]: unknown backup role 'DatabaseBackupRle'; did you mean 'DatabaseBackupRole'?");
    assertThat(headlines(withRole("", "DatabaseBackupRole")))
        .contains(F + "37:15: error[BC160]: unknown backup role 'DatabaseBackupRole'");
  }

  @Test
  void roleNamesAndPathsFollowIam() {
    assertThat(headlines(withRole("backup_roles:\n  Db: {name: \"Db Role\", path: service-role}\n", "Db")))
        .contains(F + "24:14: error[BC540]: role name 'Db Role' of backup_roles.Db is not a valid IAM role name",
            F + "24:31: error[BC540]: role path 'service-role' of backup_roles.Db must start and end with '/'");
  }

  @Test
  void aNamedRoleMayNotTakeTheNameOfAnotherRole() {
    assertThat(headlines(withRole("backup_roles:\n  Db: {name: backupcatalogueROLE}\n", "Db")))
        .contains(F + "24:14: error[BC541]: backup_roles.Db is named 'backupcatalogueROLE' like backup_role: IAM role names "
            + "are unique in an account, whatever their path and case");
  }

  @Test
  void aRoleNoSelectionNamesIsAWarning() {
    assertThat(headlines(organizationWith("plans:\n", "backup_roles:\n  Unused: {}\nplans:\n")))
        .contains(F + "24:3: warning[BC364]: no selection names backup role 'Unused': it is not created anywhere");
  }

  @Test
  void theBaselineStackSetCreatesOnlyTheDefaultRole() {
    String baseline = withRole("backup_roles:\n  Db: {}\n", "Db")
        .replace("  central_backup_account: central\n", "  central_backup_account: central\n  baseline: {organizational_units: [workloads]}\n");
    assertThat(headlines(baseline)).anyMatch(h -> h.startsWith(F + "40:15: error[BC542]: plan 'Daily' reaches the baseline OUs, "
        + "whose StackSet creates only backup_role: role 'Db' would not exist there"));
  }
}
