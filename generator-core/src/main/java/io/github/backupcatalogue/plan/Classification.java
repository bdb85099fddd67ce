package io.github.backupcatalogue.plan;

import io.github.backupcatalogue.catalogue.Catalogue;
import java.util.ArrayList;
import java.util.List;

/** Data classification as a tag selection of each plan a classification value maps to. */
public final class Classification {

  /** The name of the selection the generator adds to a classified plan. */
  static final String SELECTION_NAME = "data-classification";

  private Classification() {}

  /** The classification values that map to the plan, in catalogue order. */
  public static List<String> valuesFor(Catalogue c, String planName) {
    List<String> values = new ArrayList<>();
    if (c.dataClassification() != null) {
      c.dataClassification().values().forEach((value, plans) -> {
        if (plans.contains(planName)) {
          values.add(value);
        }
      });
    }
    return values;
  }
}
