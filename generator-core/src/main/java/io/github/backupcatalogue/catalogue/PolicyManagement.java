package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which account creates and attaches the organization's backup policies. */
public enum PolicyManagement {
  /** The first delegated administrator, through the Organizations resource policy (recommended). */
  @JsonProperty("delegated_administrator")
  DELEGATED_ADMINISTRATOR,
  /** The management account itself. */
  @JsonProperty("management_account")
  MANAGEMENT_ACCOUNT
}
