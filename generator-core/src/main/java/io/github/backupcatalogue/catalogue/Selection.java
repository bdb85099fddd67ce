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
 * @param role the backup_roles entry AWS Backup assumes for this selection (default: backup_role)
 */
public record Selection(
    @Doc(value = "Resource types by name (S3, EBS, RDS, ...) or ARN patterns.", example = "[RDS, Aurora, DynamoDB]") List<String> resourceTypes,
    @Doc("Resources carrying this tag.") TagMatch tag,
    @Doc("Tag conditions every selected resource must also meet.") Conditions conditions,
    @Doc("Resource types or ARN patterns never selected.") List<String> excludeResources,
    @Doc(value = "The backup_roles entry AWS Backup assumes for this selection (default: backup_role).", example = "DatabaseBackupRole") String role) {

  public Selection {
    resourceTypes = Immutables.list(resourceTypes);
    conditions = Immutables.orDefault(conditions, new Conditions(null, null, null, null));
    excludeResources = Immutables.list(excludeResources);
  }
}
