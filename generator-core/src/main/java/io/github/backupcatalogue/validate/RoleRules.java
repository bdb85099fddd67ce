package io.github.backupcatalogue.validate;

import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.load.SourceMap;
import java.util.List;
import java.util.regex.Pattern;

/**
 * BC107: the backup role's name, path and permissions boundary, and the roles a deployment assumes.
 */
final class RoleRules extends RuleSupport {

  static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
  static final Pattern ROLE_PATH = Pattern.compile("/|/[\\u0021-\\u007E]{1,510}/");

  RoleRules(SourceMap sourceMap, List<Diagnostic> problems) {
    super(sourceMap, problems);
  }

  void check(Catalogue c) {
    var role = c.backupRole();
    if (!ROLE_NAME.matcher(role.name()).matches()) {
      error("BC107", value("backup_role", "name"), "role name '" + role.name() + "' is not a valid IAM role name",
          "use 1-64 letters, digits and +=,.@_-");
    }
    if (!ROLE_PATH.matcher(role.path()).matches()) {
      error("BC107", value("backup_role", "path"), "role path '" + role.path() + "' must start and end with '/'",
          "e.g. / or /service-role/");
    }
    if (role.permissionsBoundary() != null && !role.permissionsBoundary().matches("arn:aws:iam::(\\d{12}|aws):policy/.+")) {
      error("BC107", value("backup_role", "permissions_boundary"), "'" + role.permissionsBoundary()
          + "' is not an IAM policy ARN", "e.g. arn:aws:iam::123456789012:policy/Boundary");
    }
    if (c.deployment().assumeRoleName() != null && !ROLE_NAME.matcher(c.deployment().assumeRoleName()).matches()) {
      error("BC107", value("deployment", "assume_role_name"), "'" + c.deployment().assumeRoleName()
          + "' is not a valid IAM role name", "e.g. OrganizationAccountAccessRole");
    }
    String management = c.deployment().managementAssumeRoleName();
    if (management != null && !ROLE_NAME.matcher(management).matches()) {
      error("BC107", value("deployment", "management_assume_role_name"), "'" + management
          + "' is not a valid IAM role name", "name a role that exists in the management account, or leave it out to "
              + "use the pipeline's credentials");
    }
    if (management != null && c.organization() == null) {
      error("BC108", key("deployment", "management_assume_role_name"), "a single-account catalogue has no management account",
          "use deployment.assume_role_name");
    }
  }

  /** A role name, or a path and name ({@code /ops/Name}): aws:PrincipalArn includes the path. */
  static boolean breakGlassRole(String role) {
    if (!role.startsWith("/")) {
      return ROLE_NAME.matcher(role).matches();
    }
    int last = role.lastIndexOf('/');
    return ROLE_PATH.matcher(role.substring(0, last + 1)).matches() && ROLE_NAME.matcher(role.substring(last + 1)).matches();
  }
}
