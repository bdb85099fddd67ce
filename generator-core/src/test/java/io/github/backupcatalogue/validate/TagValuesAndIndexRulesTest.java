package io.github.backupcatalogue.validate;

import static io.github.backupcatalogue.Catalogues.headlines;
import static io.github.backupcatalogue.Catalogues.organizationWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.backupcatalogue.Catalogues;
import org.junit.jupiter.api.Test;

/** Tag selections with several values (BC530) and backup indexes (BC531, BC532): exact message and position. */
class TagValuesAndIndexRulesTest {

  private static final String F = "backup-catalogue.yaml:";

  @Test
  void aTagSelectionWithSeveralValuesIsValid() {
    assertThat(headlines(organizationWith("resource_types: [RDS]", "tag: {key: backup-tier, values: [gold, platinum]}")))
        .noneMatch(h -> h.contains("error"));
  }

  @Test
  void aTagGivesValueOrValues() {
    assertThat(headlines(organizationWith("resource_types: [RDS]", "tag: {key: backup-tier, value: gold, values: [platinum]}")))
        .contains(F + "36:9: error[BC530]: the tag of selection 'databases' gives both value and values");
    assertThat(headlines(organizationWith("resource_types: [RDS]", "tag: {key: backup-tier}")))
        .contains(F + "36:9: error[BC530]: the tag of selection 'databases' gives neither value nor values");
  }

  @Test
  void tagValuesFollowAwsTagRules() {
    assertThat(headlines(organizationWith("resource_types: [RDS]", "tag: {key: backup-tier, values: [gold, \"pla|tinum\"]}")))
        .anyMatch(h -> h.startsWith(F + "36:48: error[BC262]"));
  }

  @Test
  void aTagSelectionCannotAlsoRequireItsTagInConditions() {
    // the tag becomes a string_equals condition of the policy's selection: a second one on the key would contradict it
    assertThat(headlines(organizationWith("resource_types: [RDS]",
        "tag: {key: backup-tier, values: [gold]}\n        conditions: {tag_equals: {backup-tier: silver}}")))
        .contains(F + "37:35: error[BC247]: selection 'databases' selects by tag 'backup-tier' and also requires it to equal 'silver'");
  }

  @Test
  void indexesAreOfEbsAndS3() {
    assertThat(headlines(organizationWith("vault: Local\n", "vault: Local\n        index_resource_types: [S3, RDS]\n")))
        .contains(F + "31:36: error[BC532]: AWS Backup builds backup indexes of EBS and S3 recovery points, not RDS");
  }

  @Test
  void indexesNeedAnOrganizationBackupPolicy() {
    String single = Catalogues.SINGLE_ACCOUNT + """
                index_resource_types: [S3]
            selections:
              buckets: {resource_types: [S3]}
        """;
    assertThat(headlines(single)).contains(F + "13:9: error[BC531]: backup indexes are set through organization backup "
        + "policies (index_actions); the Terraform provider's aws_backup_plan has no such setting");
  }
}
