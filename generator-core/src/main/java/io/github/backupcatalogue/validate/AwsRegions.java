package io.github.backupcatalogue.validate;

import java.util.Set;
import java.util.TreeSet;

/** The regions of the standard {@code aws} partition that AWS Backup runs in. */
public final class AwsRegions {

  private static final Set<String> REGIONS = Set.copyOf(new TreeSet<>(Set.of(
      "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
      "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
      "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1", "eu-central-1",
      "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3",
      "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2",
      "us-west-1", "us-west-2")));

  private AwsRegions() {}

  public static boolean isKnown(String region) {
    return REGIONS.contains(region);
  }

  public static Set<String> all() {
    return REGIONS;
  }

  /** Regions of other partitions, which need other ARNs and endpoints: not supported yet. */
  public static boolean isOtherPartition(String region) {
    return region.startsWith("us-gov-") || region.startsWith("cn-") || region.startsWith("us-iso");
  }
}
