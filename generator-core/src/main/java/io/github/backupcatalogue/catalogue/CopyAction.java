package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A copy of every recovery point of a rule to another vault.
 *
 * @param vault the destination vault's name: a central vault (another account) or a member vault
 *     (same account, another region)
 * @param region the destination region (default: the region the backup ran in)
 * @param lifecycle the copy's retention (default: the rule's lifecycle; always written out, since a
 *     copy without one keeps its recovery points for ever)
 */
public record CopyAction(
    @Doc(value = "The destination vault's name: a central vault (another account) or a member vault (same account, another region).", example = "CentralVault") @JsonProperty(required = true) String vault,
    @Doc(value = "The destination region (default: the region the backup ran in).", example = "eu-central-1") String region,
    @Doc("The copy's retention (default: the rule's lifecycle; always written out, since a copy without one keeps its recovery points for ever).") Lifecycle lifecycle) {}
