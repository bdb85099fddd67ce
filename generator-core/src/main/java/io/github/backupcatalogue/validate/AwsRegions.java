package io.github.backupcatalogue.validate;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The regions of the standard {@code aws} partition that AWS Backup runs in. AwsRegionsTest keeps
 * the list equal to the AWS SDK's region metadata (raise {@code awssdk.version} to pick up new ones);
 * a well-formed region missing here is a warning (BC310), not an error.
 */
public final class AwsRegions {

  private static final Set<String> REGIONS = Set.copyOf(new TreeSet<>(Set.of(
      "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
      "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
      "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1", "eu-central-1",
      "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3",
      "il-central-1", "me-central-1", "me-south-1", "me-west-1", "mx-central-1", "sa-east-1", "sa-west-1",
      "us-east-1", "us-east-2", "us-west-1", "us-west-2")));

  private AwsRegions() {}

  public static boolean isKnown(String region) {
    return REGIONS.contains(region);
  }

  public static Set<String> all() {
    return REGIONS;
  }

  /**
   * A region's form: an area, a direction and a number, e.g. {@code ap-southeast-7}. Only the
   * directions AWS uses: {@code eu-wset-1} is a typo, not a new region.
   */
  private static final Pattern FORM = Pattern.compile(
      "([a-z]{2})-(central|north|south|east|west|northeast|northwest|southeast|southwest)-([1-9][0-9]?)");

  /**
   * True when {@code region}, not a known one, may well be a region AWS launched after this
   * version: it is well formed, and the closest known region (if any) differs from it only in the
   * number ({@code eu-west-4}, not {@code ue-west-1}).
   *
   * @param closest the known region closest to it, when one is close enough to be a typo of it
   */
  public static boolean isPlausibleNew(String region, Optional<String> closest) {
    Matcher m = FORM.matcher(region);
    if (!m.matches()) {
      return false;
    }
    if (closest.isEmpty()) {
      return true;
    }
    Matcher k = FORM.matcher(closest.get());
    return k.matches() && k.group(1).equals(m.group(1)) && k.group(2).equals(m.group(2));
  }

  /** Regions of other partitions, which need other ARNs and endpoints: not supported yet. */
  public static boolean isOtherPartition(String region) {
    return region.startsWith("us-gov-") || region.startsWith("cn-") || region.startsWith("us-iso");
  }
}
