package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A tag a selected resource carries.
 *
 * @param key the tag key
 * @param value the tag value
 */
public record TagMatch(
    @Doc("The tag key.") @JsonProperty(required = true) String key,
    @Doc("The tag value.") @JsonProperty(required = true) String value) {}
