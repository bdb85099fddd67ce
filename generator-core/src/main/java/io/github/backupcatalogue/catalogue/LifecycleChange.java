package io.github.backupcatalogue.catalogue;

/**
 * Retention values a layered policy overrides; those not written stay as inherited.
 *
 * @param coldStorageAfterDays days until cold storage
 * @param deleteAfterDays days until deletion
 * @param optInToArchive archive tier for supported resources
 */
public record LifecycleChange(
    @Doc(value = "Days until a recovery point moves to cold storage (override).", minimum = 1, example = "90") Integer coldStorageAfterDays,
    @Doc(value = "Days until a recovery point is deleted (override).", minimum = 1, example = "730") Integer deleteAfterDays,
    @Doc("Move supported resource types to archive tier too (override).") Boolean optInToArchive) {

  /** The inherited lifecycle with these values written over it. */
  public Lifecycle apply(Lifecycle inherited) {
    return new Lifecycle(coldStorageAfterDays != null ? coldStorageAfterDays : inherited.coldStorageAfterDays(),
        deleteAfterDays != null ? deleteAfterDays : inherited.deleteAfterDays(),
        optInToArchive != null ? optInToArchive : inherited.optInToArchive());
  }
}
