package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A tag a selected resource carries.
 *
 * @param key the tag key
 * @param value the tag value
 */
public record TagMatch(@JsonProperty(required = true) String key, @JsonProperty(required = true) String value) {}
