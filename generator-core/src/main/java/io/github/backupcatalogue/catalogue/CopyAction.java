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
public record CopyAction(@JsonProperty(required = true) String vault, String region, Lifecycle lifecycle) {}
