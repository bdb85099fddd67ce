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
    backupRoles(c);
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

  /**
   * backup_roles and the selections naming them: role names and paths (BC540), names that collide
   * with another role of the same account (BC541: IAM role names are unique per account, whatever
   * the path), references (BC160), named roles the baseline StackSet would have to create (BC542),
   * and entries no selection names (BC364).
   */
  private void backupRoles(Catalogue c) {
    java.util.Map<String, String> names = new java.util.HashMap<>();
    names.put(c.backupRole().name().toLowerCase(java.util.Locale.ROOT), "backup_role");
    java.util.Set<String> used = new java.util.HashSet<>();
    c.plans().values().forEach(plan -> plan.selections().values().forEach(sel -> used.add(sel.role())));
    c.backupRoles().forEach((key, entry) -> {
      var role = entry.resolve(key);
      if (!ROLE_NAME.matcher(role.name()).matches()) {
        error("BC540", entry.name() != null ? value("backup_roles", key, "name") : key("backup_roles", key),
            "role name '" + role.name() + "' of backup_roles." + key + " is not a valid IAM role name",
            "use 1-64 letters, digits and +=,.@_-" + (entry.name() == null ? " (the entry's key is the name unless 'name:' is given)" : ""));
      } else {
        // IAM role names are unique per account and case-insensitive (IAM User Guide, "IAM identifiers")
        String other = names.putIfAbsent(role.name().toLowerCase(java.util.Locale.ROOT), "backup_roles." + key);
        if (other != null) {
          error("BC541", entry.name() != null ? value("backup_roles", key, "name") : key("backup_roles", key),
              "backup_roles." + key + " is named '" + role.name() + "' like " + other
                  + ": IAM role names are unique in an account, whatever their path and case",
              "give it another name");
        }
      }
      if (!ROLE_PATH.matcher(role.path()).matches()) {
        error("BC540", value("backup_roles", key, "path"), "role path '" + role.path() + "' of backup_roles." + key
            + " must start and end with '/'", "e.g. / or /service-role/");
      }
      if (role.permissionsBoundary() != null && !role.permissionsBoundary().matches("arn:aws:iam::(\\d{12}|aws):policy/.+")) {
        error("BC540", value("backup_roles", key, "permissions_boundary"), "'" + role.permissionsBoundary()
            + "' is not an IAM policy ARN", "e.g. arn:aws:iam::123456789012:policy/Boundary");
      }
      if (!used.contains(key)) {
        warning("BC364", key("backup_roles", key), "no selection names backup role '" + key + "': it is not created anywhere",
            "name it in a selection ('role: " + key + "') or remove it");
      }
    });
    java.util.List<String> baselinePlans = io.github.backupcatalogue.plan.Scope.baselinePolicies(c).stream()
        .flatMap(p -> c.policies().get(p).plans().stream()).toList();
    c.plans().forEach((planName, plan) -> plan.selections().forEach((selectionName, sel) -> {
      if (sel.role() == null) {
        return;
      }
      var p = ptr("plans", planName, "selections", selectionName, "role");
      if (!c.backupRoles().containsKey(sel.role())) {
        String suggestion = io.github.backupcatalogue.load.Suggestions.closest(sel.role(), c.backupRoles().keySet())
            .map(s -> "; did you mean '" + s + "'?").orElse("");
        error("BC160", sourceMap.value(p), "unknown backup role '" + sel.role() + "'" + suggestion,
            c.backupRoles().isEmpty() ? "define it under backup_roles, or leave 'role' out to use backup_role"
                : "defined: " + String.join(", ", new java.util.TreeSet<>(c.backupRoles().keySet()))
                    + "; or leave 'role' out to use backup_role");
      } else if (baselinePlans.contains(planName)) {
        error("BC542", sourceMap.value(p), "plan '" + planName + "' reaches the baseline OUs, whose StackSet creates only "
            + "backup_role: role '" + sel.role() + "' would not exist there", "leave 'role' out of this plan's selections, "
            + "or move the plan to a policy outside the baseline OUs");
      }
    }));
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
