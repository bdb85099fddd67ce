package io.github.backupcatalogue.catalogue;

/**
 * The IAM role AWS Backup assumes in every account.
 *
 * @param name the role name (default {@code BackupCatalogueRole})
 * @param path the role path (default {@code /})
 * @param permissionsBoundary the ARN of a permissions boundary policy, if the organization uses one
 */
public record BackupRole(String name, String path, String permissionsBoundary) {

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
