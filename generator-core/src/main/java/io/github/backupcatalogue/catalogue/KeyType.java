package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which KMS key encrypts a vault. */
public enum KeyType {
  @JsonProperty("create")
  CREATE,
  @JsonProperty("existing")
  EXISTING,
  @JsonProperty("aws_managed")
  AWS_MANAGED
}
