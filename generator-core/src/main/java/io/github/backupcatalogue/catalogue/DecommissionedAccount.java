package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An account that had a module and is leaving the catalogue. Its module is replaced by a
 * decommission stub: the same state (backend), {@code removed} blocks that make Terraform forget its
 * vaults, keys and locks instead of destroying them (the backups stay), and a runbook.
 *
 * @param id the 12-digit account id
 * @param reason why the account leaves, for reviewers and auditors
 */
public record DecommissionedAccount(
    @Doc(value = "The 12-digit account id.", pattern = "^[0-9]{12}$", example = "\"444455556666\"") @JsonProperty(required = true) String id,
    @Doc(value = "Why the account leaves, for reviewers and auditors.", example = "closed with the legacy data centre, ticket OPS-123") @JsonProperty(required = true) String reason) {}
