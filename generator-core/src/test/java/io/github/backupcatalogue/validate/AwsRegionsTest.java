package io.github.backupcatalogue.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * Keeps {@link AwsRegions} current: its list is exactly the {@code aws} partition's regions in the
 * AWS SDK's region metadata (global pseudo-regions such as {@code aws-global} aside). When AWS
 * launches a region, raise {@code awssdk.version} in the parent pom; this test then names what to add.
 */
class AwsRegionsTest {

  @Test
  void theKnownRegionsAreTheSdksRegionsOfTheAwsPartition() {
    Set<String> sdk = new TreeSet<>();
    for (Region region : Region.regions()) {
      RegionMetadata metadata = region.metadata();
      if (!region.isGlobalRegion() && metadata != null && "aws".equals(metadata.partition().id())) {
        sdk.add(region.id());
      }
    }
    Set<String> missing = new TreeSet<>(sdk);
    missing.removeAll(AwsRegions.all());
    Set<String> extra = new TreeSet<>(AwsRegions.all());
    extra.removeAll(sdk);
    assertThat(sdk).as("the SDK knows regions of the aws partition").contains("us-east-1", "eu-west-1");
    assertThat(missing).as("in the SDK's aws partition but not in AwsRegions (add them): " + missing
        + "; in AwsRegions but not in the SDK (remove them, or check the SDK version): " + extra).isEmpty();
    assertThat(extra).as("in AwsRegions but not in the SDK's aws partition (remove them, or check the SDK version): " + extra)
        .isEmpty();
  }

  @Test
  void everyKnownRegionIsWellFormedSoThatNewOnesLikeThemAreTooAndOtherPartitionsAreApart() {
    assertThat(AwsRegions.all()).allMatch(r -> AwsRegions.isPlausibleNew(r, Optional.empty()))
        .noneMatch(AwsRegions::isOtherPartition);
  }

  @Test
  void plausibleNewRegions() {
    assertThat(AwsRegions.isPlausibleNew("eu-west-4", Optional.of("eu-west-3"))).isTrue();
    assertThat(AwsRegions.isPlausibleNew("xy-north-1", Optional.empty())).isTrue();
    assertThat(AwsRegions.isPlausibleNew("ue-west-1", Optional.of("eu-west-1"))).isFalse();
    assertThat(AwsRegions.isPlausibleNew("eu-wset-9", Optional.empty())).isFalse();
    assertThat(AwsRegions.isPlausibleNew("euwest1", Optional.empty())).isFalse();
    assertThat(AwsRegions.isPlausibleNew("EU-WEST-4", Optional.empty())).isFalse();
  }
}
