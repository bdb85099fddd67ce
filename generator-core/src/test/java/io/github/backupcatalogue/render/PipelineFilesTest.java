package io.github.backupcatalogue.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.backupcatalogue.BackupCatalogue;
import io.github.backupcatalogue.TestFiles;
import io.github.backupcatalogue.bench.GenerationBenchmark;
import io.github.backupcatalogue.diagnostics.SourceFile;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The generated pipelines against the engines' published JSON schemas (pinned in
 * src/test/resources/ci-schemas), and against the apply levels they encode: on the organization
 * sample and on a synthetic organization of 1,000 accounts.
 */
public class PipelineFilesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static SortedMap<String, String> sample;
  private static SortedMap<String, String> large;

  @BeforeAll
  static void render() throws Exception {
    sample = BackupCatalogue.render(TestFiles.sample("organization"), "backup-catalogue.yaml", null, false).files().orElseThrow();
    String synthetic = GenerationBenchmark.catalogue(1000) + PIPELINES;
    var result = BackupCatalogue.render(new SourceFile("backup-catalogue.yaml", synthetic), null, false);
    assertThat(result.diagnostics().hasErrors()).as(result.diagnostics().format()).isFalse();
    large = result.files().orElseThrow();
  }

  private static final String PIPELINES = """
      deployment:
        pipelines:
          engines: [github_actions, gitlab_ci, atlantis]
          directory: infra/backup
          role_arn: arn:aws:iam::100000000000:role/backup-catalogue-apply
          plan_role_arn: arn:aws:iam::100000000000:role/backup-catalogue-plan
      """;

  static JsonSchema schema(String file) throws Exception {
    try (InputStream in = PipelineFilesTest.class.getResourceAsStream("/ci-schemas/" + file)) {
      SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in, config);
    }
  }

  /** YAML as the engines read it, as a JSON tree. */
  public static JsonNode yaml(String text) {
    Object loaded = new Yaml().load(text);
    return MAPPER.valueToTree(loaded);
  }

  public static List<String> errors(String schema, String text) throws Exception {
    Set<ValidationMessage> messages = schema(schema).validate(yaml(text));
    return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
  }

  @Test
  void theSampleWorkflowIsAValidGitHubWorkflow() throws Exception {
    assertThat(errors("github-workflow.json", sample.get(PipelineFiles.GITHUB))).isEmpty();
  }

  @Test
  void theSampleChildPipelineIsAValidGitLabPipeline() throws Exception {
    assertThat(errors("gitlab-ci.json", sample.get(PipelineFiles.GITLAB))).isEmpty();
  }

  @Test
  void theThousandAccountPipelinesAreValidToo() throws Exception {
    assertThat(errors("github-workflow.json", large.get(PipelineFiles.GITHUB))).isEmpty();
    assertThat(errors("gitlab-ci.json", large.get(PipelineFiles.GITLAB))).isEmpty();
  }

  @Test
  void theSchemasCatchAPlantedFault() throws Exception {
    // A misspelt job key, and a job without steps: GitHub rejects both.
    String workflow = sample.get(PipelineFiles.GITHUB).replace("    runs-on: ubuntu-latest\n    timeout-minutes: 5\n",
        "    run-on: ubuntu-latest\n    timeout-minutes: 5\n");
    assertThat(errors("github-workflow.json", workflow)).isNotEmpty()
        .anySatisfy(m -> assertThat(m).contains("run-on"));
    // resource_group misspelt, and when: with a value GitLab does not know.
    String pipeline = sample.get(PipelineFiles.GITLAB).replace("  resource_group: backup-catalogue/policies\n",
        "  resource-group: backup-catalogue/policies\n");
    assertThat(errors("gitlab-ci.json", pipeline)).isNotEmpty()
        .anySatisfy(m -> assertThat(m).contains("resource-group"));
  }

  /** The job ids of each level, and what each job needs. */
  @Test
  void githubJobsFollowTheLevels() {
    JsonNode jobs = yaml(sample.get(PipelineFiles.GITHUB)).get("jobs");
    assertThat(iterable(jobs.fieldNames())).containsExactly("workflow-is-current", "level-1", "level-2", "level-3", "level-4");
    // the receiver of organization_events goes first: the member modules forward job events to its event bus
    assertThat(modules(jobs.get("level-1"))).containsExactly("management", "accounts/backup-admin");
    assertThat(modules(jobs.get("level-2"))).containsExactly("accounts/analytics-dev", "accounts/payments-prod",
        "accounts/web-prod");
    assertThat(modules(jobs.get("level-3"))).containsExactly("accounts/central-backup");
    assertThat(modules(jobs.get("level-4"))).containsExactly("subscriptions/backup-admin", "policies");
    assertThat(jobs.get("level-2").get("needs").toString()).isEqualTo("[\"level-1\"]");
    assertThat(jobs.get("level-4").get("needs").toString()).isEqualTo("[\"level-3\"]");
    assertThat(jobs.get("level-3").get("needs").toString()).isEqualTo("[\"level-2\"]");
    assertThat(yaml(sample.get(PipelineFiles.GITHUB)).get("permissions").toString()).isEqualTo("{\"contents\":\"read\"}");
    assertThat(jobs.get("level-1").get("permissions").toString()).isEqualTo("{\"contents\":\"read\",\"id-token\":\"write\"}");
    for (String line : sample.get(PipelineFiles.GITHUB).split("\n")) {
      if (line.contains("uses: ")) {
        assertThat(line).as("pinned by full commit SHA").matches(" *(- )?uses: [\\w-]+/[\\w-]+@[0-9a-f]{40} # v\\d+\\.\\d+\\.\\d+");
      }
    }
  }

  @Test
  void aThousandAccountsTakeThreeLevelsAndMatricesWithinGitHubsLimit() throws Exception {
    JsonNode order = MAPPER.readTree(large.get(TemplateRenderer.APPLY_ORDER));
    JsonNode levels = order.get("levels");
    assertThat(levels.size()).isLessThanOrEqualTo(4).isEqualTo(3);
    // the management module and the modules of all 1,002 accounts that receive the root policy (1,000, management, backup-admin)
    assertThat(levels.get(0).get("modules").size()).isEqualTo(1003);
    JsonNode jobs = yaml(large.get(PipelineFiles.GITHUB)).get("jobs");
    assertThat(iterable(jobs.fieldNames())).containsExactly("workflow-is-current", "level-1-part-1", "level-1-part-2",
        "level-1-part-3", "level-1-part-4", "level-2", "level-3");
    int total = 0;
    for (JsonNode job : jobs) {
      if (job.has("strategy")) {
        int size = job.get("strategy").get("matrix").get("include").size();
        assertThat(size).isLessThanOrEqualTo(PipelineFiles.GITHUB_MATRIX_MAX);
        total += size;
      }
    }
    assertThat(total).isEqualTo(order.get("modules").size());
    assertThat(jobs.get("level-2").get("needs").toString())
        .isEqualTo("[\"level-1-part-1\",\"level-1-part-2\",\"level-1-part-3\",\"level-1-part-4\"]");
    // GitLab: the policies module depends on 1,002 modules, beyond the 50 needs GitLab allows: its
    // apply job waits for the earlier stages instead.
    JsonNode gitlab = yaml(large.get(PipelineFiles.GITLAB));
    assertThat(gitlab.get("apply policies").has("needs")).isFalse();
    assertThat(gitlab.get("apply policies").get("stage").asText()).isEqualTo("level-3");
    for (var field : iterable(gitlab.fields())) {
      if (field.getValue().has("needs")) {
        assertThat(field.getValue().get("needs").size()).isLessThanOrEqualTo(PipelineFiles.GITLAB_NEEDS_MAX);
      }
    }
  }

  @Test
  void everyEngineOrdersEachModuleAfterItsDependencies() throws Exception {
    for (SortedMap<String, String> files : List.of(sample, large)) {
      JsonNode order = MAPPER.readTree(files.get(TemplateRenderer.APPLY_ORDER));
      Map<String, Integer> level = new HashMap<>();
      order.get("modules").forEach(m -> level.put(m.get("path").asText(), m.get("level").asInt()));
      JsonNode gitlab = yaml(files.get(PipelineFiles.GITLAB));
      Map<String, JsonNode> atlantis = new HashMap<>();
      yaml(files.get(PipelineFiles.ATLANTIS)).get("projects").forEach(p -> atlantis.put(p.get("name").asText(), p));
      for (JsonNode m : order.get("modules")) {
        String path = m.get("path").asText();
        List<String> after = new ArrayList<>();
        m.get("after").forEach(a -> after.add(a.asText()));
        List<String> dependsOn = new ArrayList<>();
        m.get("depends_on").forEach(d -> dependsOn.add(d.get("path").asText()));
        assertThat(after).isEqualTo(dependsOn);
        for (String d : dependsOn) {
          assertThat(level.get(d)).as(path + " after " + d).isLessThan(m.get("level").asInt());
        }
        assertThat(gitlab.get("apply " + path).get("stage").asText()).isEqualTo("level-" + m.get("level").asInt());
        JsonNode needs = gitlab.get("apply " + path).get("needs");
        if (needs != null) {
          assertThat(iterable(needs.elements()).stream().map(JsonNode::asText).toList())
              .isEqualTo(dependsOn.stream().map(d -> "apply " + d).toList());
        }
        JsonNode project = atlantis.get(path);
        assertThat(project.get("dir").asText()).endsWith("/" + path);
        assertThat(project.get("execution_order_group").asInt()).isEqualTo(m.get("level").asInt());
        assertThat(iterable(project.get("depends_on").elements()).stream().map(JsonNode::asText).toList()).isEqualTo(dependsOn);
      }
    }
  }

  /**
   * Atlantis publishes no JSON schema: its keys are checked against the repo-level atlantis.yaml
   * reference (runatlantis.io/docs/repo-level-atlantis-yaml; depends_on since v0.27).
   */
  @Test
  void atlantisUsesOnlyDocumentedKeys() {
    JsonNode config = yaml(sample.get(PipelineFiles.ATLANTIS));
    Set<String> top = Set.of("version", "automerge", "delete_source_branch_on_merge", "parallel_plan", "parallel_apply",
        "abort_on_execution_order_fail", "projects", "workflows", "allowed_regexp_prefixes");
    Set<String> project = Set.of("name", "branch", "dir", "workspace", "execution_order_group", "delete_source_branch_on_merge",
        "repo_locking", "autoplan", "terraform_version", "apply_requirements", "workflow", "depends_on");
    assertThat(config.get("version").asInt()).isEqualTo(3);
    assertThat(top).containsAll(iterable(config.fieldNames()));
    Set<String> names = new HashSet<>();
    for (JsonNode p : config.get("projects")) {
      assertThat(project).containsAll(iterable(p.fieldNames()));
      assertThat(Set.of("enabled", "when_modified")).containsAll(iterable(p.get("autoplan").fieldNames()));
      assertThat(p.get("execution_order_group").isInt()).isTrue();
      assertThat(p.get("terraform_version").asText()).matches("v\\d+\\.\\d+\\.\\d+");
      p.get("depends_on").forEach(d -> assertThat(names).as("depends on an earlier project").contains(d.asText()));
      names.add(p.get("name").asText());
    }
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> list = new ArrayList<>();
    it.forEachRemaining(list::add);
    return list;
  }

  private static List<String> modules(JsonNode job) {
    List<String> modules = new ArrayList<>();
    job.get("strategy").get("matrix").get("include").forEach(i -> modules.add(i.get("module").asText()));
    return modules;
  }
}
