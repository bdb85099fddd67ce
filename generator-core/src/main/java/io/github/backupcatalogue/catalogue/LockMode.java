package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The two AWS Backup vault lock modes. */
public enum LockMode {
  @JsonProperty("governance")
  GOVERNANCE,
  @JsonProperty("compliance")
  COMPLIANCE
}
