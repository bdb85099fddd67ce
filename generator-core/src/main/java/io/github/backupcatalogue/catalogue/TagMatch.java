package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A tag a selected resource carries: one value, or any of several (AWS's backup policy syntax
 * lists {@code tag_value}s; a backup selection ORs its {@code selection_tag}s).
 *
 * @param key the tag key
 * @param value the tag value
 * @param values tag values, any of which selects the resource (instead of value)
 */
public record TagMatch(
    @Doc("The tag key.") @JsonProperty(required = true) String key,
    @Doc("The tag value.") String value,
    @Doc(value = "Tag values, any of which selects the resource (instead of value).", example = "[gold, platinum]") List<String> values) {

  public TagMatch {
    values = Immutables.list(values);
  }

  /** Every value that selects a resource: {@code value}, or {@code values}. */
  public List<String> allValues() {
    return value != null ? List.of(value) : values;
  }
}
