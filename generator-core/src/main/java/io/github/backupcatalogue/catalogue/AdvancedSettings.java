package io.github.backupcatalogue.catalogue;

/**
 * Advanced backup settings of a plan.
 *
 * @param windowsVss application-consistent Windows VSS backups of EC2 instances (default false)
 */
public record AdvancedSettings(
    @Doc("Application-consistent Windows VSS backups of EC2 instances (default false).") Boolean windowsVss) {

  public AdvancedSettings {
    windowsVss = Immutables.orDefault(windowsVss, false);
  }
}
