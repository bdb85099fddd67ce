package io.github.backupcatalogue.catalogue;

/**
 * A further IAM role AWS Backup may assume, named by selections ({@code role: <key>}); it is
 * created in every account that receives a plan using it, with the same policies as
 * {@code backup_role}. AWS's backup policy syntax sets {@code iam_role_arn} per selection.
 *
 * @param name the IAM role name (default: the entry's key)
 * @param path the role path (default {@code /})
 * @param permissionsBoundary the ARN of a permissions boundary policy, if the organization uses one
 */
public record NamedBackupRole(
    @Doc(value = "The IAM role name (default: the entry's key).", pattern = "^[\\w+=,.@-]{1,64}$", example = "DatabaseBackupRole") String name,
    @Doc(value = "The role path (default /).", defaultValue = "/", example = "/service-role/") String path,
    @Doc(value = "The ARN of a permissions boundary policy, if the organization uses one.", pattern = "^arn:aws:iam::([0-9]{12}|aws):policy/.+$", example = "arn:aws:iam::012345678901:policy/Boundary") String permissionsBoundary) {

  public NamedBackupRole {
    path = Immutables.orDefault(path, "/");
  }

  /** The role as {@code backup_role} spells it, its name defaulting to the entry's key. */
  public BackupRole resolve(String key) {
    return new BackupRole(name != null ? name : key, path, permissionsBoundary);
  }
}
