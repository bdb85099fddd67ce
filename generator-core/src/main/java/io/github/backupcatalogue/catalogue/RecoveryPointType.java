package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kind of recovery point a restore test may pick. */
public enum RecoveryPointType {
  @JsonProperty("snapshot")
  SNAPSHOT,
  @JsonProperty("continuous")
  CONTINUOUS
}
