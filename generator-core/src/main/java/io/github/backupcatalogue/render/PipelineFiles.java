package io.github.backupcatalogue.render;

import io.github.backupcatalogue.plan.Model;
import io.github.backupcatalogue.plan.Model.Module;
import io.github.backupcatalogue.plan.Model.PipelineSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The CI pipeline definitions (deployment.pipelines), built from the same plan as apply-order.json:
 * each plans every module on a pull (merge) request into the default branch and applies on that
 * branch, level by level, the modules of a level in parallel. The files go to {@code pipelines/} of
 * the output directory; module directories in them are relative to the repository root
 * (deployment.pipelines.directory), where every engine runs its jobs.
 *
 * <ul>
 *   <li>{@value #GITHUB}: one job per level (a matrix of its modules, split into jobs of at most
 *       {@value #GITHUB_MATRIX_MAX}, GitHub's matrix limit), {@code needs} the jobs of the level
 *       before, a concurrency group per module, OIDC credentials, least-privilege permissions;
 *   <li>{@value #GITLAB}: a child pipeline with a stage per level, a plan job (merge requests) and
 *       an apply job (default branch) per module, {@code needs} on the apply jobs of the module's
 *       dependencies and a {@code resource_group} per module;
 *   <li>{@value #ATLANTIS}: a project per module with {@code execution_order_group} = level and
 *       {@code depends_on}, autoplanned when its files change.
 * </ul>
 */
public final class PipelineFiles {

  public static final String GITHUB = "pipelines/github-actions.yml";
  public static final String GITLAB = "pipelines/gitlab-ci.yml";
  public static final String ATLANTIS = "pipelines/atlantis.yaml";

  /** Where the GitHub workflow must be copied: GitHub reads workflows only from .github/workflows. */
  public static final String GITHUB_WORKFLOW_COPY = ".github/workflows/backup-catalogue.yml";

  /** GitHub Actions: "A matrix can generate a maximum of 256 jobs per workflow run". */
  static final int GITHUB_MATRIX_MAX = 256;

  /** The GitLab stage of the decommission stubs, after every level. */
  static final String DECOMMISSION_STAGE = "decommission";

  /** GitLab: a job's needs list is limited to 50 jobs by default (ci_max_needs); beyond, stage order alone. */
  static final int GITLAB_NEEDS_MAX = 50;

  /** Actions pinned by full commit SHA; the tag each SHA was published as is in the comment. */
  static final String CHECKOUT = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683";
  static final String CHECKOUT_TAG = "v4.2.2";
  static final String AWS_CREDENTIALS = "aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502";
  static final String AWS_CREDENTIALS_TAG = "v4.0.2";
  static final String SETUP_TERRAFORM = "hashicorp/setup-terraform@b9cd54a3c349d3f38e8881555d616ced269862dd";
  static final String SETUP_TERRAFORM_TAG = "v3.1.2";

  private PipelineFiles() {}

  /** The pipeline files of the plan by path relative to the output directory; none without deployment.pipelines. */
  public static SortedMap<String, String> render(Model.Output output) {
    SortedMap<String, String> files = new TreeMap<>();
    PipelineSettings settings = output.pipelines();
    if (settings == null) {
      return files;
    }
    for (String engine : settings.engines()) {
      switch (engine) {
        case "github_actions" -> files.put(GITHUB, github(output, settings));
        case "gitlab_ci" -> files.put(GITLAB, gitlab(output, settings));
        case "atlantis" -> files.put(ATLANTIS, atlantis(output, settings));
        default -> throw new IllegalStateException("unknown pipeline engine " + engine);
      }
    }
    return files;
  }

  // ------------------------------------------------------------------ GitHub Actions

  private static String github(Model.Output output, PipelineSettings s) {
    Map<String, Object> workflow = new LinkedHashMap<>();
    workflow.put("name", "backup-catalogue");
    List<String> paths = List.of(s.directory() + "/**", GITHUB_WORKFLOW_COPY);
    workflow.put("on", map("pull_request", map("branches", List.of(s.defaultBranch()), "paths", paths),
        "push", map("branches", List.of(s.defaultBranch()), "paths", paths)));
    workflow.put("permissions", map("contents", "read"));
    Map<String, Object> jobs = new LinkedHashMap<>();
    jobs.put("workflow-is-current", map(
        "name", "the workflow is the generated one",
        "runs-on", "ubuntu-latest",
        "timeout-minutes", 5,
        "steps", List.of(
            checkoutStep(),
            map("name", "compare " + GITHUB_WORKFLOW_COPY + " with the generated " + s.directory() + "/" + GITHUB,
                "run", "cmp " + GITHUB_WORKFLOW_COPY + " " + s.directory() + "/" + GITHUB))));
    List<String> previous = List.of("workflow-is-current");
    for (List<Module> level : output.levels()) {
      List<List<Module>> parts = chunks(level, GITHUB_MATRIX_MAX);
      List<String> ids = new ArrayList<>();
      for (int p = 0; p < parts.size(); p++) {
        String id = "level-" + level.get(0).level() + (parts.size() > 1 ? "-part-" + (p + 1) : "");
        ids.add(id);
        List<Object> include = new ArrayList<>();
        for (Module m : parts.get(p)) {
          include.add(matrixEntry(m.path(), m.providers().homeRegion(), s.planAssumeRoleArn(m)));
        }
        jobs.put(id, githubJob("level " + level.get(0).level(), previous, include, s));
      }
      previous = ids;
    }
    // Decommission stubs after every level: the live modules no longer name the accounts whose vaults they forget.
    List<List<Model.Decommission>> stubParts = chunks(output.decommissioned(), GITHUB_MATRIX_MAX);
    for (int p = 0; p < stubParts.size(); p++) {
      List<Object> include = new ArrayList<>();
      for (Model.Decommission stub : stubParts.get(p)) {
        include.add(matrixEntry(stub.path(), stub.homeRegion(), s.planAssumeRoleArn(stub)));
      }
      jobs.put("decommission" + (stubParts.size() > 1 ? "-part-" + (p + 1) : ""), githubJob("decommission", previous, include, s));
    }
    workflow.put("jobs", jobs);
    return header(output, List.of(
        "GitHub reads workflows only from .github/workflows: copy this file to " + GITHUB_WORKFLOW_COPY + " (the",
        "first job fails when the copy differs). Pull requests into " + s.defaultBranch() + " plan every module; pushes to",
        s.defaultBranch() + " apply them, level by level of apply-order.json, the modules of a level in parallel.",
        "Actions are pinned by full commit SHA, each with the release tag it was published as.")) + dump(workflow)
        .replace("uses: " + CHECKOUT + "\n", "uses: " + CHECKOUT + " # " + CHECKOUT_TAG + "\n")
        .replace("uses: " + AWS_CREDENTIALS + "\n", "uses: " + AWS_CREDENTIALS + " # " + AWS_CREDENTIALS_TAG + "\n")
        .replace("uses: " + SETUP_TERRAFORM + "\n", "uses: " + SETUP_TERRAFORM + " # " + SETUP_TERRAFORM_TAG + "\n");
  }

  private static Map<String, Object> matrixEntry(String module, String region, String planRole) {
    return planRole == null ? map("module", module, "region", region)
        : map("module", module, "region", region, "plan_options", "-var=assume_role_arn=" + planRole);
  }

  /** A job applying the modules of {@code include} (a matrix) in parallel, after the jobs {@code needs}. */
  private static Map<String, Object> githubJob(String title, List<String> needs, List<Object> include, PipelineSettings s) {
    String role = "${{ github.event_name == 'push' && '" + s.roleArn() + "' || '" + s.planRoleArn() + "' }}";
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("name", title + ": ${{ matrix.module }}");
    job.put("needs", needs);
    job.put("runs-on", "ubuntu-latest");
    job.put("timeout-minutes", 60);
    job.put("permissions", map("contents", "read", "id-token", "write"));
    job.put("concurrency", map(
        "group", "backup-catalogue-${{ github.event_name == 'push' && 'apply' || github.ref }}-${{ matrix.module }}",
        "cancel-in-progress", false));
    job.put("strategy", map("fail-fast", false, "matrix", map("include", include)));
    job.put("defaults", map("run", map("working-directory", s.directory() + "/${{ matrix.module }}")));
    job.put("steps", List.of(
        checkoutStep(),
        map("name", "AWS credentials (OIDC)", "uses", AWS_CREDENTIALS, "with",
            map("role-to-assume", role, "role-session-name", "backup-catalogue-${{ github.run_id }}",
                "aws-region", "${{ matrix.region }}")),
        map("name", "Terraform " + s.terraformVersion(), "uses", SETUP_TERRAFORM, "with",
            map("terraform_version", s.terraformVersion(), "terraform_wrapper", false)),
        map("name", "terraform init", "run", "terraform init -input=false"),
        map("name", "terraform plan (pull request)", "if", "github.event_name == 'pull_request'",
            "run", "terraform plan -input=false -lock=false"
                + (s.planAssumeRoleName() != null ? " ${{ matrix.plan_options }}" : "")),
        map("name", "terraform plan", "if", "github.event_name == 'push'", "run", "terraform plan -input=false -out=tfplan"),
        map("name", "terraform apply", "if", "github.event_name == 'push'", "run", "terraform apply -input=false tfplan")));
    return job;
  }

  private static Map<String, Object> checkoutStep() {
    return map("name", "checkout", "uses", CHECKOUT, "with", map("persist-credentials", false));
  }

  // ------------------------------------------------------------------ GitLab CI

  private static String gitlab(Model.Output output, PipelineSettings s) {
    Map<String, Object> pipeline = new LinkedHashMap<>();
    List<String> stages = new ArrayList<>(output.levels().stream().map(l -> "level-" + l.get(0).level()).toList());
    if (!output.decommissioned().isEmpty()) {
      stages.add(DECOMMISSION_STAGE);
    }
    pipeline.put("stages", stages);
    pipeline.put("default", map(
        "image", map("name", "hashicorp/terraform:" + s.terraformVersion(), "entrypoint", List.of("")),
        "id_tokens", map("AWS_ID_TOKEN", map("aud", "sts.amazonaws.com")),
        "interruptible", false));
    List<String> credentials = List.of(
        "export AWS_WEB_IDENTITY_TOKEN_FILE=\"$(mktemp)\"",
        "printf '%s' \"$AWS_ID_TOKEN\" > \"$AWS_WEB_IDENTITY_TOKEN_FILE\"",
        "export AWS_ROLE_SESSION_NAME=\"backup-catalogue-$CI_JOB_ID\"",
        "cd \"$MODULE_DIR\"",
        "terraform init -input=false");
    pipeline.put(".plan", map(
        "rules", List.of(map("if", "$CI_MERGE_REQUEST_IID && $CI_MERGE_REQUEST_TARGET_BRANCH_NAME == \""
            + s.defaultBranch() + "\"")),
        "needs", List.of(),
        "variables", map("AWS_ROLE_ARN", s.planRoleArn()),
        "before_script", credentials,
        "script", List.of("terraform plan -input=false -lock=false")));
    pipeline.put(".apply", map(
        "rules", List.of(map("if", "$CI_MERGE_REQUEST_IID == null && $CI_COMMIT_BRANCH == \"" + s.defaultBranch() + "\"")),
        "variables", map("AWS_ROLE_ARN", s.roleArn()),
        "before_script", credentials,
        "script", List.of("terraform plan -input=false -out=tfplan", "terraform apply -input=false tfplan")));
    for (Module m : output.modules()) {
      String dir = s.directory() + "/" + m.path();
      String stage = "level-" + m.level();
      Map<String, Object> planVariables = map("MODULE_DIR", dir, "AWS_REGION", m.providers().homeRegion());
      if (s.planAssumeRoleArn(m) != null) {
        planVariables.put("TF_VAR_assume_role_arn", s.planAssumeRoleArn(m));
      }
      pipeline.put("plan " + m.path(), map("extends", ".plan", "stage", stage, "variables", planVariables));
      Map<String, Object> apply = new LinkedHashMap<>();
      apply.put("extends", ".apply");
      apply.put("stage", stage);
      apply.put("variables", map("MODULE_DIR", dir, "AWS_REGION", m.providers().homeRegion()));
      apply.put("resource_group", "backup-catalogue/" + m.path());
      if (m.after().size() <= GITLAB_NEEDS_MAX) {
        apply.put("needs", m.after().stream().map(a -> "apply " + a).toList());
      }
      pipeline.put("apply " + m.path(), apply);
    }
    for (Model.Decommission stub : output.decommissioned()) {
      // the last stage: applied after every live module, without needs (a stage waits for the stages before)
      String dir = s.directory() + "/" + stub.path();
      Map<String, Object> planVariables = map("MODULE_DIR", dir, "AWS_REGION", stub.homeRegion());
      if (s.planAssumeRoleArn(stub) != null) {
        planVariables.put("TF_VAR_assume_role_arn", s.planAssumeRoleArn(stub));
      }
      pipeline.put("plan " + stub.path(), map("extends", ".plan", "stage", DECOMMISSION_STAGE, "variables", planVariables));
      pipeline.put("apply " + stub.path(), map("extends", ".apply", "stage", DECOMMISSION_STAGE,
          "variables", map("MODULE_DIR", dir, "AWS_REGION", stub.homeRegion()),
          "resource_group", "backup-catalogue/" + stub.path()));
    }
    return header(output, List.of(
        "A GitLab CI child pipeline: trigger it from the repository's .gitlab-ci.yml with",
        "  backup-catalogue:",
        "    trigger:",
        "      include: " + s.directory() + "/" + GITLAB,
        "      strategy: depend",
        "    rules:",
        "      - if: $CI_PIPELINE_SOURCE == \"merge_request_event\"",
        "      - if: $CI_COMMIT_BRANCH == \"" + s.defaultBranch() + "\"",
        "Merge requests into " + s.defaultBranch() + " plan every module; the " + s.defaultBranch()
            + " branch applies them, a stage per level of",
        "apply-order.json, each apply job after the apply jobs of the modules it depends on.")) + dump(pipeline);
  }

  // ------------------------------------------------------------------ Atlantis

  private static String atlantis(Model.Output output, PipelineSettings s) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("version", 3);
    config.put("automerge", false);
    config.put("parallel_plan", true);
    config.put("parallel_apply", true);
    List<Object> projects = new ArrayList<>();
    for (Module m : output.modules()) {
      projects.add(atlantisProject(m.path(), m.level(), m.after(), s));
    }
    // decommission stubs after every level
    for (Model.Decommission stub : output.decommissioned()) {
      projects.add(atlantisProject(stub.path(), output.levels().size() + 1, List.of(), s));
    }
    config.put("projects", projects);
    return header(output, List.of(
        "Atlantis reads atlantis.yaml only at the repository root: copy this file there.",
        "Pull requests into " + s.defaultBranch() + " plan the modules whose files change; `atlantis apply` applies them in",
        "execution_order_group order (the levels of apply-order.json), a project only after its depends_on.")) + dump(config);
  }

  private static Map<String, Object> atlantisProject(String path, int level, List<String> dependsOn, PipelineSettings s) {
    Map<String, Object> project = new LinkedHashMap<>();
    project.put("name", path);
    project.put("branch", "/^" + s.defaultBranch().replace(".", "\\.") + "$/");
    project.put("dir", s.directory() + "/" + path);
    project.put("workspace", "default");
    project.put("terraform_version", "v" + s.terraformVersion());
    project.put("execution_order_group", level);
    project.put("depends_on", dependsOn);
    project.put("autoplan", map("enabled", true, "when_modified", List.of("*.tf")));
    return project;
  }

  // ------------------------------------------------------------------ YAML

  private static String header(Model.Output output, List<String> lines) {
    StringBuilder header = new StringBuilder("# Generated by backup-catalogue from " + output.catalogue()
        + ". Do not edit: change the catalogue.\n");
    for (String line : lines) {
      header.append("# ").append(line).append('\n');
    }
    if (!output.decommissioned().isEmpty()) {
      header.append("# Decommission stubs (\"decommissioned\" in apply-order.json) come last, after every level: applying a\n")
          .append("# stub forgets its account's vaults, keys and locks. Remove a stub (removeStubs) once it is applied.\n");
    }
    return header.toString();
  }

  private static String dump(Map<String, Object> document) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setSplitLines(false);
    options.setWidth(Integer.MAX_VALUE);
    options.setLineBreak(DumperOptions.LineBreak.UNIX);
    return new Yaml(options).dump(copy(document));
  }

  /** A tree of fresh maps and lists: YAML would write a shared instance once, as an anchor and aliases. */
  private static Object copy(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, copy(v)));
      return copy;
    }
    if (node instanceof List<?> list) {
      return new ArrayList<>(list.stream().map(PipelineFiles::copy).toList());
    }
    return node;
  }

  private static <T> List<List<T>> chunks(List<T> list, int size) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < list.size(); i += size) {
      chunks.add(list.subList(i, Math.min(list.size(), i + size)));
    }
    return chunks;
  }

  /** An ordered map of alternating keys and values. */
  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
