package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where each module keeps its Terraform state. */
public enum StateBackend {
  /** An S3 bucket, one object per module, locked with S3's conditional writes ({@code use_lockfile}). */
  @JsonProperty("s3")
  S3,
  /** No backend: each module's state is a local {@code terraform.tfstate} next to it. */
  @JsonProperty("none")
  NONE
}
