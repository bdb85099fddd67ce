package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Data classification: resources tagged {@code tag_key: <value>} are backed up by the plans the value
 * maps to.
 *
 * @param tagKey the tag key, e.g. {@code data-classification}
 * @param values classification value -> plan names
 */
public record DataClassification(
    @Doc("The tag key, e.g. data-classification.") @JsonProperty(required = true) String tagKey,
    @Doc("Classification value -> plan names.") @JsonProperty(required = true) Map<String, List<String>> values) {

  public DataClassification {
    values = Immutables.map(values);
  }
}
