package io.github.backupcatalogue.catalogue;

/**
 * AWS Backup's organization-wide settings, set in the management account.
 *
 * @param crossAccountBackup allow copies between accounts of the organization (default false)
 * @param crossAccountMonitoring let the management account and delegated administrators see jobs of
 *     every account (default true)
 */
public record Settings(Boolean crossAccountBackup, Boolean crossAccountMonitoring) {

  public Settings {
    crossAccountBackup = Immutables.orDefault(crossAccountBackup, false);
    crossAccountMonitoring = Immutables.orDefault(crossAccountMonitoring, true);
  }
}
