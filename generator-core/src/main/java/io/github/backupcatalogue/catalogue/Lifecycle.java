package io.github.backupcatalogue.catalogue;

/**
 * How long recovery points are kept.
 *
 * @param coldStorageAfterDays days until a recovery point moves to cold storage (none by default)
 * @param deleteAfterDays days until a recovery point is deleted
 * @param optInToArchive move supported resource types to archive tier too (default false)
 */
public record Lifecycle(Integer coldStorageAfterDays, Integer deleteAfterDays, Boolean optInToArchive) {

  public Lifecycle {
    optInToArchive = Immutables.orDefault(optInToArchive, false);
  }
}
