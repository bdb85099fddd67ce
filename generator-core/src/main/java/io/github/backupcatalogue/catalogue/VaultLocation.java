package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a vault definition is created. */
public enum VaultLocation {
  /** In every account a plan targeting it reaches, in the plan's regions. */
  @JsonProperty("member_accounts")
  MEMBER_ACCOUNTS,
  /** Once in the central backup account, in every region a copy action sends to it. */
  @JsonProperty("central_account")
  CENTRAL_ACCOUNT
}
