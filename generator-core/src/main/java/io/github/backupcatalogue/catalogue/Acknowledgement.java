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
    @Doc(value = "The warning's code, e.g. BC301.", pattern = "^BC[0-9]{3}$", example = "BC301") @JsonProperty(required = true) String code,
    @Doc(value = "A dotted path of catalogue names, e.g. plans.S3_Backup_Plan: the warning is acknowledged when it points at or below that place.", example = "plans.S3_Backup_Plan") @JsonProperty(required = true) String at,
    @Doc("Why the warning is accepted, for reviewers and auditors; not blank.") @JsonProperty(required = true) String reason) {}
