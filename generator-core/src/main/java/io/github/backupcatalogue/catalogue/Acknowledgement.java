package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A warning the catalogue's owners have looked at and accept: it prints as a note with the reason
 * and no longer counts for {@code failOnWarnings}. Errors cannot be acknowledged.
 *
 * @param code the warning's code, e.g. {@code BC301}
 * @param at a dotted path of catalogue names, e.g. {@code plans.S3_Backup_Plan}: the warning is
 *     acknowledged when it points at or below that place
 * @param reason why the warning is accepted, for reviewers and auditors; not blank
 */
public record Acknowledgement(
    @JsonProperty(required = true) String code,
    @JsonProperty(required = true) String at,
    @JsonProperty(required = true) String reason) {}
