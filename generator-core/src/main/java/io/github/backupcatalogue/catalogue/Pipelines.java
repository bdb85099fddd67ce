package io.github.backupcatalogue.catalogue;

import java.util.List;

/**
 * The CI pipelines generated next to the modules: they plan every module on a pull (merge) request
 * and apply on the default branch, level by level of apply-order.json, the modules of a level in
 * parallel.
 *
 * @param engines which engines get a pipeline definition; none by default
 * @param directory where the output directory is, relative to the repository root, as the CI
 *     engine's checkout sees it: the pipeline files run each module there
 * @param roleArn the IAM role the GitHub Actions and GitLab CI jobs assume through OIDC; the modules'
 *     providers assume deployment.assume_role_name in each account from it
 * @param planRoleArn the role pull-request plans assume instead, read-only and trusted only for
 *     pull requests; role_arn when left out
 * @param planAssumeRoleName the role pull-request plans assume in each account instead of
 *     deployment.assume_role_name (read-only); none: the same role as applies
 * @param defaultBranch the branch whose pushes apply
 * @param terraformVersion the Terraform version the jobs install
 */
public record Pipelines(
    @Doc(value = "Which CI engines get a generated pipeline definition: github_actions, gitlab_ci, atlantis.", defaultValue = "[]", example = "[github_actions, atlantis]") List<PipelineEngine> engines,
    @Doc(value = "Where the output directory is, relative to the repository root (as the CI engine's checkout sees it); the pipelines run each module there. Required when engines are listed.", pattern = "^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$", example = "infra/backup") String directory,
    @Doc(value = "The IAM role the GitHub Actions and GitLab CI jobs assume through OIDC (its trust policy names the repository and the default branch); the modules' providers assume deployment.assume_role_name in each account from it. Required for github_actions and gitlab_ci.", pattern = "^arn:aws:iam::\\d{12}:role/.+$", example = "arn:aws:iam::109876543210:role/backup-catalogue-apply") String roleArn,
    @Doc(value = "The IAM role pull-request plans assume instead: read-only, and trusted only for pull requests. role_arn when left out.", pattern = "^arn:aws:iam::\\d{12}:role/.+$", example = "arn:aws:iam::109876543210:role/backup-catalogue-plan") String planRoleArn,
    @Doc(value = "The role pull-request plans assume in each account instead of deployment.assume_role_name: a read-only role (e.g. with ReadOnlyAccess), so that a pull request cannot change an account. Left out: plans assume the same role as applies.", pattern = "^[\\w+=,.@-]{1,64}$", example = "BackupCataloguePlan") String planAssumeRoleName,
    @Doc(value = "The branch whose pushes apply; pull requests into it plan.", defaultValue = "main", example = "main") String defaultBranch,
    @Doc(value = "The Terraform version the jobs install (1.11 or later with S3 state: the S3 backend's native locking is generally available from 1.11).", defaultValue = "1.11.4", pattern = "^\\d+\\.\\d+\\.\\d+$", example = "1.11.4") String terraformVersion) {

  public static final String DEFAULT_TERRAFORM_VERSION = "1.11.4";

  public Pipelines {
    engines = Immutables.list(engines);
    defaultBranch = Immutables.orDefault(defaultBranch, "main");
    terraformVersion = Immutables.orDefault(terraformVersion, DEFAULT_TERRAFORM_VERSION);
  }

  /** No pipelines. */
  public static Pipelines none() {
    return new Pipelines(null, null, null, null, null, null, null);
  }

  /** The role pull-request plans assume. */
  public String effectivePlanRoleArn() {
    return planRoleArn != null ? planRoleArn : roleArn;
  }
}
