package io.github.backupcatalogue.catalogue;

import java.util.List;
import java.util.Map;

/**
 * What a restore testing plan restores: resources of one protected resource type
 * ({@code aws_backup_restore_testing_selection}).
 *
 * @param resourceType the protected resource type (Aurora, DocumentDB, DynamoDB, EBS, EC2, EFS, FSx, Neptune, RDS, S3)
 * @param resources up to 30 protected resource ARNs (default every resource of the type: *); not with tag conditions
 * @param tagEquals tag key -> value the protected resource's tag must equal
 * @param tagNotEquals tag key -> value the protected resource's tag must not equal
 * @param validationWindowHours hours the restored resource is kept for validation before AWS
 *     Backup deletes it, 1-168 (default AWS's)
 * @param restoreMetadataOverrides restore metadata keys AWS Backup cannot infer or should not
 *     (e.g. subnetId for EC2, required for FSx)
 */
public record RestoreTestingSelection(
    @Doc(value = "The protected resource type: Aurora, DocumentDB, DynamoDB, EBS, EC2, EFS, FSx, Neptune, RDS or S3.", example = "DynamoDB") String resourceType,
    @Doc(value = "Up to 30 protected resource ARNs (default every resource of the type: *); not together with tag_equals or tag_not_equals.", example = "[\"arn:aws:dynamodb:eu-west-1:345678901234:table/orders\"]") List<String> resources,
    @Doc(value = "Tag key -> value the protected resource's tag must equal.", example = "{environment: production}") Map<String, String> tagEquals,
    @Doc("Tag key -> value the protected resource's tag must not equal.") Map<String, String> tagNotEquals,
    @Doc(value = "Hours the restored resource is kept for validation before AWS Backup deletes it, 1-168.", minimum = 1, maximum = 168, example = "4") Integer validationWindowHours,
    @Doc(value = "Restore metadata keys AWS Backup cannot infer, or should not (e.g. subnetId for EC2; FSx needs them).", example = "{subnetId: subnet-0123456789abcdef0}") Map<String, String> restoreMetadataOverrides) {

  public RestoreTestingSelection {
    resources = Immutables.list(resources);
    tagEquals = Immutables.map(tagEquals);
    tagNotEquals = Immutables.map(tagNotEquals);
    restoreMetadataOverrides = Immutables.map(restoreMetadataOverrides);
  }
}
