package io.github.backupcatalogue.validate;

import static io.github.backupcatalogue.Catalogues.headlines;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.backupcatalogue.BackupCatalogue;
import io.github.backupcatalogue.Catalogues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** deployment.pipelines: one case per rule (BC280-BC287, BC330-BC333), the exact message at the exact place. */
class PipelineRulesTest {

  private static final String F = "backup-catalogue.yaml:";
  /** The base catalogue's one warning (RDS keys), which every case keeps. */
  /** The pipelines' deployment block has no state (BC375 on its key). */
  private static final String NO_STATE_HERE = Catalogues.noStateIn(41);
  private static final String BC305 = F + "32:20: warning[BC305]: copies of RDS backups to another account need each "
      + "resource's customer-managed KMS key shared with that account; AWS managed keys (aws/rds, aws/ebs, ...) can never "
      + "be, and those copy jobs fail. No resource_keys are listed for: app (eu-west-1)";

  static final String PIPELINES = """
      deployment:
        assume_role_name: OrganizationAccountAccessRole
        pipelines:
          engines: [github_actions, gitlab_ci, atlantis]
          directory: infra/backup
          role_arn: arn:aws:iam::109876543210:role/backup-catalogue-apply
          plan_role_arn: arn:aws:iam::109876543210:role/backup-catalogue-plan
          plan_assume_role_name: BackupCataloguePlan
      """;

  static String with(String from, String to) {
    String base = Catalogues.ORGANIZATION + PIPELINES;
    if (!base.contains(from)) {
      throw new IllegalArgumentException("not in the base catalogue: " + from);
    }
    return base.replace(from, to);
  }

  @Test
  void theBaseIsValid() {
    assertThat(headlines(Catalogues.ORGANIZATION + PIPELINES)).containsExactly(BC305, NO_STATE_HERE);
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        Arguments.of("no directory", "    directory: infra/backup\n", "",
            F + "43:3: error[BC280]: the pipelines do not know where the modules are"),
        Arguments.of("a directory above the repository", "directory: infra/backup", "directory: ../backup",
            F + "45:16: error[BC281]: '../backup' is not a directory below the repository root"),
        Arguments.of("an absolute directory", "directory: infra/backup", "directory: /srv/backup",
            F + "45:16: error[BC281]: '/srv/backup' is not a directory below the repository root"),
        Arguments.of("no role for OIDC engines", "    role_arn: arn:aws:iam::109876543210:role/backup-catalogue-apply\n", "",
            F + "43:3: error[BC282]: GitHub Actions and GitLab CI jobs need a role to assume"),
        Arguments.of("a role that is no role ARN", "role_arn: arn:aws:iam::109876543210:role/backup-catalogue-apply",
            "role_arn: arn:aws:iam::109876543210:user/deployer",
            F + "46:15: error[BC283]: 'arn:aws:iam::109876543210:user/deployer' is not an IAM role ARN"),
        Arguments.of("a branch name no engine matches", "    directory: infra/backup\n",
            "    directory: infra/backup\n    default_branch: main..release\n",
            F + "46:21: error[BC284]: 'main..release' is not a branch name the pipelines can match"),
        Arguments.of("a version that is no release", "    directory: infra/backup\n",
            "    directory: infra/backup\n    terraform_version: latest\n",
            F + "46:24: error[BC285]: 'latest' is not a Terraform release version"),
        Arguments.of("a version older than the modules need", "    directory: infra/backup\n",
            "    directory: infra/backup\n    terraform_version: 1.5.7\n",
            F + "46:24: error[BC285]: Terraform 1.5.7 is older than the generated modules require (1.6.0)"),
        Arguments.of("an engine twice", "[github_actions, gitlab_ci, atlantis]", "[github_actions, gitlab_ci, github_actions]",
            F + "44:42: error[BC286]: github_actions is listed twice"),
        Arguments.of("the management module's credentials are another account's",
            "role_arn: arn:aws:iam::109876543210:role/backup-catalogue-apply",
            "role_arn: arn:aws:iam::123456789101:role/backup-catalogue-apply",
            F + "46:15: error[BC287]: the management module would run in account 123456789101: without "
                + "deployment.management_assume_role_name it uses the pipeline's own credentials, which must be the "
                + "management account's (109876543210)"),
        Arguments.of("pull requests plan with the apply role",
            "    plan_role_arn: arn:aws:iam::109876543210:role/backup-catalogue-plan\n", "",
            F + "43:3: warning[BC330]: pull requests plan with role_arn, the role that applies"),
        Arguments.of("pull requests plan through the role that applies in every account",
            "    plan_assume_role_name: BackupCataloguePlan\n", "",
            F + "43:3: warning[BC332]: pull requests plan through deployment.assume_role_name "
                + "'OrganizationAccountAccessRole', the role that applies, in every account"),
        Arguments.of("a plan role name that is no role name", "plan_assume_role_name: BackupCataloguePlan",
            "plan_assume_role_name: Backup Catalogue Plan",
            F + "48:28: error[BC283]: 'Backup Catalogue Plan' is not a valid IAM role name"),
        Arguments.of("a role only Atlantis would not use", "[github_actions, gitlab_ci, atlantis]", "[atlantis]",
            F + "46:15: warning[BC331]: role_arn is not used: only GitHub Actions and GitLab CI jobs assume it (Atlantis "
                + "uses its server's credentials)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachRuleReportsItsProblem(String name, String from, String to, String expected) {
    assertThat(headlines(with(from, to))).contains(expected);
  }

  /** With S3 state the modules lock with use_lockfile, generally available in Terraform from 1.11.0 on. */
  @Test
  void withAnS3BackendThePipelinesNeedTerraformWithNativeLocking() {
    String s3 = with("  pipelines:\n", "  state: {backend: s3, bucket: acme-terraform-state, region: eu-west-1}\n  pipelines:\n");
    assertThat(headlines(s3)).containsExactly(BC305);
    assertThat(headlines(s3.replace("    directory: infra/backup\n", "    directory: infra/backup\n    terraform_version: 1.9.8\n")))
        .containsExactly(F + "47:24: error[BC285]: Terraform 1.9.8 is older than the generated modules require "
            + "(1.11.0, for the S3 backend's use_lockfile, generally available from 1.11)");
    // 1.10 has it only as an experiment
    assertThat(headlines(s3.replace("    directory: infra/backup\n", "    directory: infra/backup\n    terraform_version: 1.10.5\n")))
        .containsExactly(F + "47:24: error[BC285]: Terraform 1.10.5 is older than the generated modules require "
            + "(1.11.0, for the S3 backend's use_lockfile, generally available from 1.11)");
    assertThat(headlines(s3.replace("    directory: infra/backup\n", "    directory: infra/backup\n    terraform_version: 1.11.0\n")))
        .containsExactly(BC305);
  }

  @Test
  void aRoleOfAnotherAccountIsFineWhenTheManagementModuleAssumesItsOwn() {
    String yaml = with("role_arn: arn:aws:iam::109876543210:role/backup-catalogue-apply",
        "role_arn: arn:aws:iam::123456789101:role/backup-catalogue-apply")
        .replace("plan_role_arn: arn:aws:iam::109876543210", "plan_role_arn: arn:aws:iam::123456789101")
        .replace("  pipelines:\n", "  management_assume_role_name: BackupCatalogueDeployer\n  pipelines:\n");
    assertThat(headlines(yaml)).containsExactly(BC305, NO_STATE_HERE);
  }

  @Test
  void theOutputMustBeWhereThePipelinesLook(@TempDir Path dir) throws Exception {
    Path catalogue = dir.resolve("backup-catalogue.yaml");
    Files.writeString(catalogue, Catalogues.ORGANIZATION + PIPELINES);
    var elsewhere = BackupCatalogue.generate(catalogue, "backup-catalogue.yaml", dir.resolve("target/backup-catalogue"), null,
        false);
    assertThat(elsewhere.diagnostics().all().stream().map(d -> d.headline("backup-catalogue.yaml")))
        .contains(F + "45:16: warning[BC333]: the pipelines run the modules in infra/backup, but they are written to "
            + dir.toRealPath().resolve("target/backup-catalogue"));
    assertThat(elsewhere.written()).isPresent(); // the modules are fine: a warning, not an error
    var there = BackupCatalogue.generate(catalogue, "backup-catalogue.yaml", dir.resolve("infra/backup"), null, false);
    assertThat(there.diagnostics().all()).noneMatch(d -> d.code().equals("BC333"));
    assertThat(dir.resolve("infra/backup/pipelines/github-actions.yml")).exists();
    assertThat(dir.resolve("infra/backup/pipelines/gitlab-ci.yml")).exists();
    assertThat(dir.resolve("infra/backup/pipelines/atlantis.yaml")).exists();
  }
}
