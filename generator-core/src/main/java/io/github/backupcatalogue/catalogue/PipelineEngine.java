package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The CI engines a pipeline definition is generated for (deployment.pipelines.engines). */
public enum PipelineEngine {
  @JsonProperty("github_actions")
  GITHUB_ACTIONS,
  @JsonProperty("gitlab_ci")
  GITLAB_CI,
  @JsonProperty("atlantis")
  ATLANTIS;

  /** True for the engines whose jobs get their AWS credentials from the catalogue's OIDC role. */
  public boolean usesOidcRole() {
    return this != ATLANTIS;
  }
}
