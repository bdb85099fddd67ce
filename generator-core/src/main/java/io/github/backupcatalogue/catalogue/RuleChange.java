package io.github.backupcatalogue.catalogue;

import java.util.List;

/**
 * What a layered policy changes in one inherited rule. Every value written overrides the
 * inherited one (AWS's {@code @@assign}: the parent's child_policies must include override);
 * added copies are new keys (AWS: needs append or override).
 *
 * @param schedule a new schedule
 * @param startWindowMinutes a new start window
 * @param completionWindowMinutes a new completion window
 * @param vault a new target vault
 * @param lifecycle new retention values (only those written change)
 * @param addCopies copies added to the rule
 */
public record RuleChange(
    @Doc(value = "A new schedule (override).", pattern = "^cron\\(.+\\)$", example = "cron(0 1 ? * * *)") String schedule,
    @Doc(value = "A new start window in minutes (override).", minimum = 60, maximum = 52560000) Integer startWindowMinutes,
    @Doc(value = "A new completion window in minutes (override).", minimum = 61, maximum = 52560000) Integer completionWindowMinutes,
    @Doc(value = "A new target vault (override).", example = "Payments") String vault,
    @Doc("New retention values; only those written change (override).") LifecycleChange lifecycle,
    @Doc("Copies added to the rule (a new key in AWS's policy: needs append or override).") List<CopyAction> addCopies) {

  public RuleChange {
    addCopies = Immutables.list(addCopies);
  }
}
