package io.github.backupcatalogue.catalogue;

/**
 * AWS Backup's organization-wide settings, set in the management account.
 *
 * @param crossAccountBackup allow copies between accounts of the organization (default false)
 * @param crossAccountMonitoring let the management account and delegated administrators see jobs of
 *     every account (default true)
 */
public record Settings(
    @Doc(value = "Allow copies between accounts of the organization (default false).", defaultValue = "false") Boolean crossAccountBackup,
    @Doc(value = "Let the management account and delegated administrators see jobs of every account (default true).", defaultValue = "true") Boolean crossAccountMonitoring) {

  public Settings {
    crossAccountBackup = Immutables.orDefault(crossAccountBackup, false);
    crossAccountMonitoring = Immutables.orDefault(crossAccountMonitoring, true);
  }
}
