package io.github.backupcatalogue.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.backupcatalogue.Catalogues;
import org.junit.jupiter.api.Test;

/** The org policy for the article's S3 nightly plan has the article's structure and values. */
class ArticlePolicyTest {

  /** The article's example policy, as printed there. */
  private static final String ARTICLE = """
      {"plans": {"S3_Backup_Plan": {
        "regions": {"@@assign": ["eu-west-1"]},
        "rules": {"NightlyBackupRule": {
          "schedule_expression": {"@@assign": "cron(0 0 * * ? *)"},
          "start_backup_window_minutes": {"@@assign": "480"},
          "complete_backup_window_minutes": {"@@assign": "10080"},
          "lifecycle": {"delete_after_days": {"@@assign": "90"},
                        "opt_in_to_archive_for_supported_resources": {"@@assign": "false"}},
          "target_backup_vault_name": {"@@assign": "BackupMcBackupFace"}}},
        "selections": {"resources": {"resource_types": {
          "iam_role_arn": {"@@assign": "arn:aws:iam::$account:role/BackupRole"},
          "resource_types": {"@@assign": ["S3"]}}}}}}}
      """;

  private static final String CATALOGUE = """
      version: 1
      organization:
        id: o-a1b2c3d4e5
        root_id: r-a1b2
        management_account: management
        delegated_administrators: [admin]
        accounts:
          management: {id: "109876543210", regions: [eu-west-1]}
          admin: {id: "123456789101", regions: [eu-west-1]}
      backup_role: {name: BackupRole}
      vaults:
        BackupMcBackupFace: {}
      plans:
        S3_Backup_Plan:
          regions: [eu-west-1]
          rules:
            NightlyBackupRule:
              schedule: cron(0 0 * * ? *)
              start_window_minutes: 480
              completion_window_minutes: 10080
              lifecycle: {delete_after_days: 90}
              vault: BackupMcBackupFace
          selections:
            resource_types:
              resource_types: [S3]
      policies:
        nightly:
          plans: [S3_Backup_Plan]
          attach_to: {root: true}
          child_policies: all
      """;

  @Test
  void sameStructureAndValuesAsTheArticle() throws Exception {
    var catalogue = Catalogues.load(CATALOGUE).catalogue().orElseThrow();
    ObjectNode generated = BackupPolicyDocuments.document(catalogue, "nightly");
    JsonNode article = new ObjectMapper().readTree(ARTICLE);
    // The one deliberate difference: AWS's backup policy syntax selects resources by ARN pattern;
    // the article's shorthand "S3" is written as the S3 ARN pattern.
    ((ObjectNode) article.at("/plans/S3_Backup_Plan/selections/resources/resource_types/resource_types"))
        .set("@@assign", new ObjectMapper().createArrayNode().add("arn:aws:s3:::*"));
    assertThat(generated).isEqualTo(article);
    assertThat(Json.pretty(generated)).contains("\"iam_role_arn\": {\n");
  }
}
