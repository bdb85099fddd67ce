package io.github.backupcatalogue.catalogue;

import java.util.List;

/**
 * Which recovery points a restore testing plan tests (RestoreTestingRecoveryPointSelection, AWS
 * Backup API Reference).
 *
 * @param vaults vaults of the catalogue whose recovery points are tested
 * @param algorithm latest_within_window (default) or random_within_window
 * @param types snapshot and/or continuous (default [snapshot])
 * @param selectionWindowDays how many days back recovery points are chosen from, 1-365 (default 30)
 */
public record RecoveryPointSelection(
    @Doc(value = "Vaults of the catalogue whose recovery points are tested.", example = "[BackupMcBackupFace]") List<String> vaults,
    @Doc(value = "latest_within_window (default) or random_within_window.", defaultValue = "latest_within_window") RestoreTestingAlgorithm algorithm,
    @Doc(value = "snapshot and/or continuous (default [snapshot]).", defaultValue = "[snapshot]") List<RecoveryPointType> types,
    @Doc(value = "How many days back recovery points are chosen from, 1-365 (default 30).", defaultValue = "30", minimum = 1, maximum = 365) Integer selectionWindowDays) {

  public RecoveryPointSelection {
    vaults = Immutables.list(vaults);
    algorithm = Immutables.orDefault(algorithm, RestoreTestingAlgorithm.LATEST_WITHIN_WINDOW);
    types = types == null || types.isEmpty() ? List.of(RecoveryPointType.SNAPSHOT) : List.copyOf(types);
    selectionWindowDays = Immutables.orDefault(selectionWindowDays, 30);
  }
}
