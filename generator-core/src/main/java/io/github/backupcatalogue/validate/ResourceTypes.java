package io.github.backupcatalogue.validate;

import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /**
   * The key of each type in AWS Backup's Region settings (UpdateRegionSettings'
   * ResourceTypeOptInPreference), as the provider's documentation and acceptance test spell them.
   */
  private static final Map<String, String> REGION_SETTING = new TreeMap<>(Map.ofEntries(
      Map.entry("Aurora", "Aurora"), Map.entry("DocumentDB", "DocumentDB"), Map.entry("DynamoDB", "DynamoDB"),
      Map.entry("EBS", "EBS"), Map.entry("EC2", "EC2"), Map.entry("EFS", "EFS"), Map.entry("FSx", "FSx"),
      Map.entry("Neptune", "Neptune"), Map.entry("RDS", "RDS"), Map.entry("Redshift", "Redshift"), Map.entry("S3", "S3"),
      Map.entry("StorageGateway", "Storage Gateway"), Map.entry("Timestream", "Timestream")));

  /** Region-setting keys of types the catalogue cannot name yet: left as they are. */
  private static final List<String> OTHER_REGION_SETTINGS =
      List.of("CloudFormation", "DSQL", "EKS", "Redshift Serverless", "SAP HANA on Amazon EC2", "VirtualMachine");

  /**
   * Types a tag selection (which may match any type) opts in: the long-established services found in
   * every commercial Region. Timestream and Storage Gateway are not in every Region, and opting a
   * Region into a type it lacks fails the apply; name them in resource_types to opt them in.
   */
  private static final Set<String> TAG_SELECTION_TYPES =
      Set.of("Aurora", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "FSx", "Neptune", "RDS", "Redshift", "S3");

  /**
   * Types whose backups AWS Backup fully manages (recovery points {@code arn:aws:backup:...},
   * encrypted with the vault's key). Every other type keeps the source resource's key, so a copy to
   * another account needs that key shared with it, and AWS managed keys can never be
   * ("Encryption for backups in AWS Backup", AWS Backup developer guide). DynamoDB is fully managed
   * only with AWS Backup's advanced DynamoDB features, which the Region settings turn on.
   */
  private static final Set<String> FULLY_MANAGED = Set.of("EFS", "S3", "Timestream", "DynamoDB");

  /** The keys of ResourceTypeManagementPreference AWS returns (the provider's documentation example). */
  public static final List<String> FULL_MANAGEMENT_SETTINGS = List.of("CloudFormation", "DSQL", "DynamoDB", "EFS");

  /**
   * Types whose copies cannot cross a Region and an account in one copy action ("RDS, Aurora,
   * DocumentDB, and Neptune do not support a single copy action that performs both cross-Region AND
   * cross-account backup", AWS Backup feature availability).
   */
  public static final java.util.Set<String> NO_CROSS_REGION_AND_ACCOUNT_COPY = Set.of("RDS", "Aurora", "DocumentDB", "Neptune");

  /** Types whose full management must be turned on in the Region settings for cross-account copies. */
  private static final Set<String> FULL_MANAGEMENT_PREFERENCE = Set.of("DynamoDB", "EFS");

  private ResourceTypes() {}

  /**
   * The types a selection list may pick, by catalogue name: {@code *} (or a tag selection) stands
   * for the types a tag selection opts in; an ARN pattern counts when it is one of the known ones.
   */
  public static java.util.SortedSet<String> selectedTypes(java.util.Collection<String> namesOrArns) {
    java.util.SortedSet<String> types = new java.util.TreeSet<>();
    for (String type : namesOrArns) {
      if (type.equals("*")) {
        types.addAll(TAG_SELECTION_TYPES);
      } else if (BY_NAME.containsKey(type)) {
        types.add(type);
      } else {
        BY_NAME.forEach((name, arn) -> {
          if (arn.equals(type)) {
            types.add(name);
          }
        });
      }
    }
    return types;
  }

  /** The Region-settings key of a catalogue type name. */
  public static String regionSetting(String name) {
    return REGION_SETTING.get(name);
  }

  /** Every Region-settings key this catalogue knows, sorted. */
  public static java.util.SortedSet<String> allRegionSettings() {
    java.util.SortedSet<String> all = new java.util.TreeSet<>(REGION_SETTING.values());
    all.addAll(OTHER_REGION_SETTINGS);
    return all;
  }

  public static boolean fullyManaged(String name) {
    return FULLY_MANAGED.contains(name);
  }

  public static boolean needsFullManagementPreference(String name) {
    return FULL_MANAGEMENT_PREFERENCE.contains(name);
  }

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

  /**
   * The resource types whose recovery points GuardDuty Malware Protection for AWS Backup scans, as
   * AWS's ScanSetting ResourceTypes spells them ("Backup syntax: scan settings", Organizations user
   * guide: "You can use EBS, EC2, S3, or ALL"; the provider's aws_backup_plan scan_setting the same).
   */
  public static final List<String> MALWARE_SCANNED = List.of("EBS", "EC2", "S3");

  /** The ScanSetting resource type that stands for every scanned type. */
  public static final String MALWARE_SCAN_ALL = "ALL";

  /** The types a scan setting's list stands for ({@code ALL}: every scanned type). */
  public static java.util.SortedSet<String> malwareScanned(java.util.Collection<String> scanSettingTypes) {
    java.util.SortedSet<String> types = new java.util.TreeSet<>();
    for (String type : scanSettingTypes) {
      if (type.equals(MALWARE_SCAN_ALL)) {
        types.addAll(MALWARE_SCANNED);
      } else if (MALWARE_SCANNED.contains(type)) {
        types.add(type);
      }
    }
    return types;
  }

  /**
   * Protected resource types of restore testing selections (RestoreTestingSelectionForCreate,
   * ProtectedResourceType, AWS Backup API Reference), spelled as AWS accepts them.
   */
  public static final List<String> RESTORE_TESTING = List.of("Aurora", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "FSx",
      "Neptune", "RDS", "S3");

  /**
   * Types whose restore metadata AWS Backup cannot fully infer, so a restore test needs overrides
   * ("Restore testing inferred metadata", AWS Backup Developer Guide: Amazon FSx).
   */
  public static final Set<String> RESTORE_TESTING_NEEDS_OVERRIDES = Set.of("FSx");
}
