package io.github.backupcatalogue.validate;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.DataClassification;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.load.SourceMap;
import java.util.List;

/**
 * The data classification: its tag key (BC107) and the plans each value maps to (BC104).
 */
final class ClassificationRules extends RuleSupport {

  ClassificationRules(SourceMap sourceMap, List<Diagnostic> problems) {
    super(sourceMap, problems);
  }

  void check(Catalogue c) {
    DataClassification dc = c.dataClassification();
    if (dc == null) {
      return;
    }
    if (dc.tagKey().isBlank() || dc.tagKey().length() > 128) {
      error("BC107", value("data_classification", "tag_key"), "the classification tag key must be 1-128 characters", null);
    }
    dc.values().forEach((value, plans) -> {
      JsonPointer p = ptr("data_classification", "values", value);
      if (plans.isEmpty()) {
        error("BC104", sourceMap.key(p), "classification '" + value + "' maps to no plan", "list the plans it needs");
      }
      for (int i = 0; i < plans.size(); i++) {
        reference(plans.get(i), c.plans().keySet(), "plan", p.appendIndex(i), false);
      }
    });
  }
}
