package io.github.backupcatalogue.effective;

import io.github.backupcatalogue.catalogue.CopyAction;
import io.github.backupcatalogue.catalogue.Plan;
import io.github.backupcatalogue.catalogue.PlanChange;
import io.github.backupcatalogue.catalogue.Rule;
import io.github.backupcatalogue.catalogue.RuleChange;
import io.github.backupcatalogue.catalogue.Selection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A layered policy's change applied to the inherited plan, as the catalogue's records. */
public final class PlanChanges {

  private PlanChanges() {}

  /** The plan after the change. */
  public static Plan apply(Plan inherited, PlanChange change) {
    Map<String, Rule> rules = new LinkedHashMap<>();
    inherited.rules().forEach((name, rule) -> {
      RuleChange r = change.rules().get(name);
      if (r == null) {
        rules.put(name, rule);
        return;
      }
      List<CopyAction> copies = new ArrayList<>();
      // A copy without its own lifecycle keeps the rule's as the parent policy wrote it out.
      rule.copyTo().forEach(copy -> copies.add(copy.lifecycle() != null || r.lifecycle() == null ? copy
          : new CopyAction(copy.vault(), copy.region(), rule.lifecycle())));
      copies.addAll(r.addCopies());
      rules.put(name, new Rule(
          r.schedule() != null ? r.schedule() : rule.schedule(),
          rule.timezone(),
          r.startWindowMinutes() != null ? r.startWindowMinutes() : rule.startWindowMinutes(),
          r.completionWindowMinutes() != null ? r.completionWindowMinutes() : rule.completionWindowMinutes(),
          rule.continuousBackup(),
          r.lifecycle() != null ? r.lifecycle().apply(rule.lifecycle()) : rule.lifecycle(),
          r.vault() != null ? r.vault() : rule.vault(),
          copies,
          rule.recoveryPointTags(),
          rule.indexResourceTypes(),
          rule.malwareScan()));
    });
    Map<String, Selection> selections = new LinkedHashMap<>(inherited.selections());
    selections.putAll(change.addSelections());
    return new Plan(change.apply(inherited.regions()), rules, selections, inherited.advancedSettings(), inherited.tags(),
        inherited.malwareScanning());
  }
}
