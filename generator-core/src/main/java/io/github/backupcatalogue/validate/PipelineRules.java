package io.github.backupcatalogue.validate;

import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.PipelineEngine;
import io.github.backupcatalogue.catalogue.Pipelines;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.load.SourceMap;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * BC280-BC287, BC330-BC333: deployment.pipelines, the CI pipeline definitions. Errors for what
 * would make the generated pipeline fail or run somewhere else; warnings for what works but gives
 * pull requests more power than a plan needs, or runs modules the output is not next to.
 */
public final class PipelineRules extends RuleSupport {

  /** A directory below the repository root: plain segments, no {@code .}/{@code ..}, no leading or trailing slash. */
  static final Pattern DIRECTORY = Pattern.compile("(?!\\.{1,2}(/|$))[A-Za-z0-9_.-]+(/(?!\\.{1,2}(/|$))[A-Za-z0-9_.-]+)*");
  static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/([\\w+=,.@/-]{1,512})");
  /** A branch name every engine takes as written (a subset of git check-ref-format). */
  static final Pattern BRANCH = Pattern.compile("(?!.*\\.\\.)(?!.*//)(?!.*\\.lock$)[A-Za-z0-9_][A-Za-z0-9_./-]{0,254}(?<![./])");
  static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
  /** The generated modules' required_version (versions.tf.ftl). */
  static final int[] MIN_TERRAFORM = {1, 6, 0};
  /**
   * With an S3 backend the modules use its native locking (use_lockfile), experimental in Terraform
   * 1.10 and generally available from 1.11.0 (hashicorp/terraform#36338): versions.tf.ftl requires 1.11.0.
   */
  static final int[] MIN_TERRAFORM_S3_LOCKFILE = {1, 11, 0};

  PipelineRules(SourceMap sourceMap, List<Diagnostic> problems) {
    super(sourceMap, problems);
  }

  void check(Catalogue c) {
    Pipelines p = c.deployment().pipelines();
    if (p.engines().isEmpty()) {
      return;
    }
    Set<PipelineEngine> seen = new HashSet<>();
    boolean oidc = false;
    for (int i = 0; i < p.engines().size(); i++) {
      PipelineEngine engine = p.engines().get(i);
      oidc |= engine.usesOidcRole();
      if (!seen.add(engine)) {
        error("BC286", sourceMap.value(ptr("deployment", "pipelines", "engines").appendIndex(i)),
            engine.name().toLowerCase(Locale.ROOT) + " is listed twice", "list each engine once");
      }
    }
    if (p.directory() == null) {
      error("BC280", key("deployment", "pipelines"), "the pipelines do not know where the modules are",
          "set deployment.pipelines.directory to the output directory relative to the repository root, e.g. "
              + "'directory: infra/backup'");
    } else if (!DIRECTORY.matcher(p.directory()).matches()) {
      error("BC281", value("deployment", "pipelines", "directory"), "'" + p.directory()
          + "' is not a directory below the repository root", "write it relative to the repository root with / between "
              + "names, without a leading or trailing /, . or .. (e.g. infra/backup)");
    }
    if (oidc && p.roleArn() == null) {
      error("BC282", key("deployment", "pipelines"), "GitHub Actions and GitLab CI jobs need a role to assume",
          "set deployment.pipelines.role_arn to the IAM role their OIDC tokens may assume, e.g. "
              + "arn:aws:iam::123456789012:role/backup-catalogue-apply");
    }
    checkRoleArn(c, p.roleArn(), "role_arn", oidc);
    checkRoleArn(c, p.planRoleArn(), "plan_role_arn", oidc);
    if (p.planAssumeRoleName() != null && !RoleRules.ROLE_NAME.matcher(p.planAssumeRoleName()).matches()) {
      error("BC283", value("deployment", "pipelines", "plan_assume_role_name"), "'" + p.planAssumeRoleName()
          + "' is not a valid IAM role name", "name the read-only role of every account, e.g. BackupCataloguePlan");
    }
    if (!BRANCH.matcher(p.defaultBranch()).matches()) {
      error("BC284", value("deployment", "pipelines", "default_branch"), "'" + p.defaultBranch()
          + "' is not a branch name the pipelines can match", "use letters, digits and _ . / - (e.g. main), without .. or a "
              + "trailing / or .");
    }
    var version = VERSION.matcher(p.terraformVersion());
    if (!version.matches()) {
      error("BC285", value("deployment", "pipelines", "terraform_version"), "'" + p.terraformVersion()
          + "' is not a Terraform release version", "write major.minor.patch, e.g. " + Pipelines.DEFAULT_TERRAFORM_VERSION);
    } else {
      boolean lockfile = c.deployment().state() != null && c.deployment().state().backend() == io.github.backupcatalogue.catalogue.StateBackend.S3;
      int[] minimum = lockfile ? MIN_TERRAFORM_S3_LOCKFILE : MIN_TERRAFORM;
      if (compare(version, minimum) < 0) {
        error("BC285", value("deployment", "pipelines", "terraform_version"), "Terraform " + p.terraformVersion()
            + " is older than the generated modules require (" + minimum[0] + "." + minimum[1] + "." + minimum[2]
            + (lockfile ? ", for the S3 backend's use_lockfile, generally available from 1.11" : "") + ")", "use " + Pipelines.DEFAULT_TERRAFORM_VERSION + " or later");
      }
    }
    if (oidc && p.roleArn() != null && p.planRoleArn() == null) {
      warning("BC330", key("deployment", "pipelines"), "pull requests plan with role_arn, the role that applies",
          "set deployment.pipelines.plan_role_arn to a read-only role whose trust policy admits only pull requests, and "
              + "let role_arn's trust policy admit only the " + p.defaultBranch() + " branch");
    }
    if (oidc && p.planRoleArn() != null && p.planAssumeRoleName() == null && c.deployment().assumeRoleName() != null) {
      warning("BC332", key("deployment", "pipelines"), "pull requests plan through deployment.assume_role_name '"
          + c.deployment().assumeRoleName() + "', the role that applies, in every account",
          "set deployment.pipelines.plan_assume_role_name to a read-only role that plan_role_arn may assume in every account");
    }
  }

  private void checkRoleArn(Catalogue c, String arn, String key, boolean oidc) {
    if (arn == null) {
      return;
    }
    var m = ROLE_ARN.matcher(arn);
    if (!m.matches()) {
      error("BC283", value("deployment", "pipelines", key), "'" + arn + "' is not an IAM role ARN",
          "e.g. arn:aws:iam::123456789012:role/backup-catalogue-apply");
      return;
    }
    if (!oidc) {
      warning("BC331", value("deployment", "pipelines", key), key + " is not used: only GitHub Actions and GitLab CI "
          + "jobs assume it (Atlantis uses its server's credentials)", "remove it, or add github_actions or gitlab_ci");
      return;
    }
    var org = c.organization();
    if (org != null && c.deployment().managementAssumeRoleName() == null) {
      var management = org.accounts().get(org.managementAccount());
      if (management != null && !management.id().equals(m.group(1))) {
        error("BC287", value("deployment", "pipelines", key), "the management module would run in account " + m.group(1)
            + ": without deployment.management_assume_role_name it uses the pipeline's own credentials, which must be "
            + "the management account's (" + management.id() + ")",
            "use a role of the management account, or set deployment.management_assume_role_name to a role there "
                + "that this one may assume");
      }
    }
  }

  private static int compare(java.util.regex.Matcher version, int[] minimum) {
    for (int i = 0; i < 3; i++) {
      int part = Integer.parseInt(version.group(i + 1));
      if (part != minimum[i]) {
        return Integer.compare(part, minimum[i]);
      }
    }
    return 0;
  }

  /**
   * BC333 (a warning: the modules themselves are fine): where the pipelines look for the modules
   * should be where they are written: the output directory ends with deployment.pipelines.directory
   * (the repository root being above it).
   */
  public static List<Diagnostic> checkOutput(Catalogue c, SourceMap sourceMap, Path output) {
    Pipelines p = c.deployment().pipelines();
    List<Diagnostic> problems = new java.util.ArrayList<>();
    if (p.engines().isEmpty() || p.directory() == null || !DIRECTORY.matcher(p.directory()).matches()) {
      return problems;
    }
    Path actual = output.toAbsolutePath().normalize();
    Path expected = Path.of(p.directory());
    if (!actual.endsWith(expected)) {
      new PipelineRules(sourceMap, problems).warning("BC333", sourceMap.value(ptr("deployment", "pipelines", "directory")),
          "the pipelines run the modules in " + p.directory() + ", but they are written to " + actual,
          "set deployment.pipelines.directory to the output directory relative to the repository root, or write the "
              + "output there");
    }
    return problems;
  }
}
