package io.github.backupcatalogue.validate;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Resource types by the names a compliance reader knows, and the ARN patterns AWS Backup selects
 * them by. An ARN pattern ({@code arn:aws:...}) or {@code *} is taken as written.
 */
public final class ResourceTypes {

  private static final Map<String, String> BY_NAME = new TreeMap<>(Map.ofEntries(
      Map.entry("Aurora", "arn:aws:rds:*:*:cluster:*"),
      Map.entry("DocumentDB", "arn:aws:rds:*:*:cluster:*"),
      Map.entry("DynamoDB", "arn:aws:dynamodb:*:*:table/*"),
      Map.entry("EBS", "arn:aws:ec2:*:*:volume/*"),
      Map.entry("EC2", "arn:aws:ec2:*:*:instance/*"),
      Map.entry("EFS", "arn:aws:elasticfilesystem:*:*:file-system/*"),
      Map.entry("FSx", "arn:aws:fsx:*:*:file-system/*"),
      Map.entry("Neptune", "arn:aws:rds:*:*:cluster:*"),
      Map.entry("RDS", "arn:aws:rds:*:*:db:*"),
      Map.entry("Redshift", "arn:aws:redshift:*:*:cluster:*"),
      Map.entry("S3", "arn:aws:s3:::*"),
      Map.entry("StorageGateway", "arn:aws:storagegateway:*:*:gateway/*"),
      Map.entry("Timestream", "arn:aws:timestream:*:*:database/*/table/*")));

  private ResourceTypes() {}

  /** The ARN pattern for a name, ARN pattern or {@code *}; empty for an unknown name. */
  public static Optional<String> arnPattern(String nameOrArn) {
    if (nameOrArn.equals("*") || nameOrArn.startsWith("arn:aws:")) {
      return Optional.of(nameOrArn);
    }
    return Optional.ofNullable(BY_NAME.get(nameOrArn));
  }

  public static java.util.Set<String> names() {
    return BY_NAME.keySet();
  }

  /** True when a selection of this type may pick S3 buckets. */
  public static boolean mayBeS3(String nameOrArn) {
    return nameOrArn.equals("*") || nameOrArn.equals("S3") || nameOrArn.startsWith("arn:aws:s3:");
  }
}
