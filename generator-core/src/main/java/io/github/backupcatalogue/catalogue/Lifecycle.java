package io.github.backupcatalogue.catalogue;

/**
 * How long recovery points are kept.
 *
 * @param coldStorageAfterDays days until a recovery point moves to cold storage (none by default)
 * @param deleteAfterDays days until a recovery point is deleted
 * @param optInToArchive move supported resource types to archive tier too (default false)
 */
public record Lifecycle(
    @Doc(value = "Days until a recovery point moves to cold storage (none by default).", minimum = 1, example = "30") Integer coldStorageAfterDays,
    @Doc(value = "Days until a recovery point is deleted.", minimum = 1, example = "35") Integer deleteAfterDays,
    @Doc(value = "Move supported resource types to archive tier too (default false).", defaultValue = "false") Boolean optInToArchive) {

  public Lifecycle {
    optInToArchive = Immutables.orDefault(optInToArchive, false);
  }
}
