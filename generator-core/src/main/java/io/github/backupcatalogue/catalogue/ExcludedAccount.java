package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An account of the organization that receives a backup policy (it is in an OU the policy is
 * attached to) but is deliberately left without the backup role and vaults: its backup jobs fail,
 * and the catalogue says why. The policies module's coverage check accepts it.
 *
 * @param id the 12-digit account id
 * @param reason why the account is not protected, for reviewers and auditors
 */
public record ExcludedAccount(
    @Doc(value = "The 12-digit account id.", pattern = "^[0-9]{12}$", example = "\"210987654321\"") @JsonProperty(required = true) String id,
    @Doc(value = "Why the account is not protected, for reviewers and auditors.", example = "sandbox, holds no data") @JsonProperty(required = true) String reason) {}
