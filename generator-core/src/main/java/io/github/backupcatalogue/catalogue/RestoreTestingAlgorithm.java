package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a restore testing plan picks a recovery point within its window. */
public enum RestoreTestingAlgorithm {
  @JsonProperty("latest_within_window")
  LATEST_WITHIN_WINDOW,
  @JsonProperty("random_within_window")
  RANDOM_WITHIN_WINDOW
}
