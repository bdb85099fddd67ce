package io.github.backupcatalogue.catalogue;

import java.util.List;

/**
 * What a plan backs up: resources of some types, or resources carrying a tag; optionally narrowed by
 * tag conditions and exclusions.
 *
 * @param resourceTypes resource types by name ({@code S3}, {@code EBS}, {@code RDS}, ...) or ARN
 *     patterns
 * @param tag resources carrying this tag
 * @param conditions tag conditions every selected resource must also meet
 * @param excludeResources resource types or ARN patterns never selected
 */
public record Selection(List<String> resourceTypes, TagMatch tag, Conditions conditions, List<String> excludeResources) {

  public Selection {
    resourceTypes = Immutables.list(resourceTypes);
    conditions = Immutables.orDefault(conditions, new Conditions(null, null, null, null));
    excludeResources = Immutables.list(excludeResources);
  }
}
