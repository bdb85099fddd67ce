package io.github.backupcatalogue.catalogue;

import java.util.Map;

/**
 * A restore testing plan ({@code aws_backup_restore_testing_plan}): how often AWS Backup restores
 * recovery points of some vaults to prove they restore, in every account and region where those
 * vaults are created, with the selections of what it restores.
 *
 * @param schedule when tests start, an AWS cron expression
 * @param timezone the schedule's IANA time zone (default UTC)
 * @param startWindowHours hours after the scheduled time within which a test must start, 1-168 (default 24)
 * @param recoveryPoints which recovery points are tested
 * @param selections what is restored, by selection name, one protected resource type each
 * @param tags tags for the plan
 */
public record RestoreTestingPlan(
    @Doc(value = "When tests start, an AWS cron expression.", example = "cron(0 5 ? * SUN *)") String schedule,
    @Doc(value = "The schedule's IANA time zone (default UTC).", example = "Europe/Berlin") String timezone,
    @Doc(value = "Hours after the scheduled time within which a test must start, 1-168 (default 24).", defaultValue = "24", minimum = 1, maximum = 168) Integer startWindowHours,
    @Doc("Which recovery points are tested.") RecoveryPointSelection recoveryPoints,
    @Doc("What is restored, by selection name, one protected resource type each.") Map<String, RestoreTestingSelection> selections,
    @Doc("Tags for the plan.") Map<String, String> tags) {

  public RestoreTestingPlan {
    startWindowHours = Immutables.orDefault(startWindowHours, 24);
    recoveryPoints = Immutables.orDefault(recoveryPoints, new RecoveryPointSelection(null, null, null, null));
    selections = Immutables.map(selections);
    tags = Immutables.map(tags);
  }
}
