package io.github.backupcatalogue.catalogue;

/**
 * The IAM role AWS Backup assumes in every account.
 *
 * @param name the role name (default {@code BackupCatalogueRole})
 * @param path the role path (default {@code /})
 * @param permissionsBoundary the ARN of a permissions boundary policy, if the organization uses one
 */
public record BackupRole(
    @Doc(value = "The role name (default BackupCatalogueRole).", defaultValue = "BackupCatalogueRole", pattern = "^[\\w+=,.@-]{1,64}$") String name,
    @Doc(value = "The role path (default /).", defaultValue = "/", example = "/service-role/") String path,
    @Doc(value = "The ARN of a permissions boundary policy, if the organization uses one.", pattern = "^arn:aws:iam::([0-9]{12}|aws):policy/.+$", example = "arn:aws:iam::012345678901:policy/Boundary") String permissionsBoundary) {

  public static final String DEFAULT_NAME = "BackupCatalogueRole";

  public BackupRole {
    name = Immutables.orDefault(name, DEFAULT_NAME);
    path = Immutables.orDefault(path, "/");
  }

  /** The role's ARN in the given account ({@code $account} in org policies). */
  public String arn(String account) {
    return "arn:aws:iam::" + account + ":role" + path + name;
  }
}
