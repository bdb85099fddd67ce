package io.github.backupcatalogue.change;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.backupcatalogue.BackupCatalogue;
import io.github.backupcatalogue.TestFiles;
import io.github.backupcatalogue.render.PipelineFiles;
import io.github.backupcatalogue.render.PipelineFilesTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compliance reviewer's view of a catalogue change: a fixed copy of the organization sample
 * (test resources, so that sample edits do not move it) changed by adding an account, changing a
 * retention and removing a copy. The plan's Markdown is committed as the expected output; refresh
 * it with -Dbackupcatalogue.updateGolden=true and read the diff.
 */
class ChangeReportTest {

  static final Path CHANGES = TestFiles.repoRoot().resolve("generator-core/src/test/resources/changes");

  @TempDir
  Path dir;

  static Path catalogue(Path dir, String resource) throws IOException {
    Path file = dir.resolve("in").resolve("backup-catalogue.yaml");
    Files.createDirectories(file.getParent());
    Files.copy(CHANGES.resolve(resource), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  static Path catalogueText(Path dir, String text) throws IOException {
    Path file = dir.resolve("in").resolve("backup-catalogue.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  static BackupCatalogue.Result generate(Path catalogue, Path out, Set<String> allow) throws Exception {
    return generate(catalogue, out, new RemovalOptions(allow, Set.of()));
  }

  static BackupCatalogue.Result generate(Path catalogue, Path out, RemovalOptions options) throws Exception {
    return BackupCatalogue.generate(catalogue, "backup-catalogue.yaml", out, null, false, options);
  }

  static SortedMap<String, String> tree(Path root) throws IOException {
    SortedMap<String, String> files = new TreeMap<>();
    if (!Files.exists(root)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.readString(p) + "@" + Files.getLastModifiedTime(p));
      }
    }
    return files;
  }

  @Test
  void thePlanOfAChangeToTheOrganizationSampleSaysWhatItDoesToEachAccount() throws Exception {
    Path out = dir.resolve("terraform");
    BackupCatalogue.Result first = generate(catalogue(dir, "before.yaml"), out, Set.of());
    assertThat(first.diagnostics().errors()).as(first.diagnostics().all().toString()).isEmpty();
    SortedMap<String, String> before = tree(out);

    BackupCatalogue.Result plan = BackupCatalogue.plan(catalogue(dir, "after.yaml"), "backup-catalogue.yaml", out, null, false, RemovalOptions.NONE);

    assertThat(plan.diagnostics().hasErrors()).isFalse();
    assertThat(tree(out)).as("the plan writes nothing").isEqualTo(before);
    String markdown = plan.changes().orElseThrow().markdown("terraform/backup-catalogue");
    Path expected = CHANGES.resolve("expected-catalogue-changes.md");
    if (Boolean.getBoolean("backupcatalogue.updateGolden")) {
      Files.writeString(expected, markdown);
    }
    assertThat(markdown).isEqualTo(Files.readString(expected));

    // generate reports the same, and a second run with no change reports none (the report is not output)
    BackupCatalogue.Result generated = generate(catalogue(dir, "after.yaml"), out, Set.of());
    assertThat(generated.changes().orElseThrow().markdown("terraform/backup-catalogue")).isEqualTo(markdown);
    BackupCatalogue.Result again = generate(catalogue(dir, "after.yaml"), out, Set.of());
    assertThat(again.changes().orElseThrow().markdown("terraform/backup-catalogue")).endsWith(
        "\nNo module changes: the output stays as it is.\n");
    assertThat(again.written().orElseThrow().written()).isEmpty();
  }

  static String withoutAnalytics() throws IOException {
    return Files.readString(CHANGES.resolve("before.yaml"))
        .replace("    analytics-dev: {id: \"567890123456\", ou: workloads, regions: [eu-west-1]}\n", "");
  }

  @Test
  void removingAnAccountWithoutSayingSoFailsWithTheListAndWritesNothing() throws Exception {
    Path out = dir.resolve("terraform");
    generate(catalogue(dir, "before.yaml"), out, Set.of());
    Files.writeString(out.resolve("accounts/analytics-dev/terraform.tfstate"), "{}");
    SortedMap<String, String> before = tree(out);

    BackupCatalogue.Result result = generate(catalogueText(dir, withoutAnalytics()), out, Set.of());

    assertThat(result.written()).isEmpty();
    assertThat(tree(out)).isEqualTo(before);
    assertThat(result.diagnostics().errors()).singleElement().satisfies(d -> {
      assertThat(d.headline("backup-catalogue.yaml")).isEqualTo("backup-catalogue.yaml:20:3: error[BC270]: 1 module(s) "
          + "of the previous output would disappear, leaving their state orphaned and what they manage unmanaged: "
          + "accounts/analytics-dev (account analytics-dev 567890123456: plans S3_Backup_Plan; vaults BackupMcBackupFace "
          + "in eu-west-1 (governance lock); 1 KMS key(s))");
      assertThat(d.hint()).startsWith("if the accounts really leave, list each in organization.decommissioned");
    });
    // the dry run fails the same way
    assertThat(BackupCatalogue.plan(catalogueText(dir, withoutAnalytics()), "backup-catalogue.yaml", out, null, false, RemovalOptions.NONE)
        .diagnostics().errors()).extracting(d -> d.code()).containsExactly("BC270");
  }

  @Test
  void aDecommissionedAccountBecomesAStubThatKeepsStateVaultsAndKeys() throws Exception {
    Path out = dir.resolve("terraform");
    generate(catalogue(dir, "before.yaml"), out, Set.of());
    Path module = out.resolve("accounts/analytics-dev");
    Files.writeString(module.resolve("terraform.tfstate"), "{\"serial\": 7}");
    String backend = Files.readString(module.resolve("backend.tf"));
    String providers = Files.readString(module.resolve("providers.tf"));
    String decommissioned = withoutAnalytics().replace("  accounts:\n",
        "  decommissioned:\n    analytics-dev: {id: \"567890123456\", reason: \"analytics moved to the data platform (OPS-42)\"}\n"
            + "  accounts:\n");

    BackupCatalogue.Result result = generate(catalogueText(dir, decommissioned), out, Set.of());

    assertThat(result.diagnostics().hasErrors()).isFalse();
    try (Stream<Path> files = Files.list(module)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("README.md", "backend.tf",
          "decommission.tf", "module-summary.json", "providers.tf", "terraform.tfstate", "variables.tf", "versions.tf");
    }
    assertThat(Files.readString(module.resolve("terraform.tfstate"))).isEqualTo("{\"serial\": 7}");
    assertThat(Files.readString(out.resolve("apply-order.json"))).contains("\n  \"decommissioned\": [\n    {\n"
        + "      \"path\": \"accounts/analytics-dev\",\n      \"account_name\": \"analytics-dev\",\n"
        + "      \"account_id\": \"567890123456\",\n"
        + "      \"reason\": \"analytics moved to the data platform (OPS-42)\"\n    }\n  ]\n}\n");
    assertThat(Files.readString(module.resolve("backend.tf"))).isEqualTo(backend);
    assertThat(Files.readString(module.resolve("providers.tf"))).isEqualTo(providers);
    String removedBlocks = Files.readString(module.resolve("decommission.tf"));
    for (String address : new String[] {"aws_kms_key.BackupMcBackupFace_eu_west_1", "aws_kms_alias.BackupMcBackupFace_eu_west_1",
        "aws_backup_vault.BackupMcBackupFace_eu_west_1", "aws_backup_vault_lock_configuration.BackupMcBackupFace_eu_west_1",
        "aws_backup_vault_policy.BackupMcBackupFace_eu_west_1"}) {
      assertThat(removedBlocks).contains("removed {\n  from = " + address + "\n\n  lifecycle {\n    destroy = false\n  }\n}\n");
      assertThat(Files.readString(module.resolve("README.md"))).contains("terraform state rm '" + address + "'");
    }
    assertThat(result.changes().orElseThrow().logLines()).contains(
        "accounts/analytics-dev: account analytics-dev (567890123456) decommissioned: analytics moved to the data platform (OPS-42)",
        "accounts/analytics-dev: plan S3_Backup_Plan lost: the account is no longer backed up by it");

    // a stub stays as it is, even once the catalogue forgets the account, and with allowRemoval repeated,
    // until removeStubs names it
    SortedMap<String, String> stub = tree(module);
    assertThat(generate(catalogueText(dir, decommissioned), out, Set.of()).written().orElseThrow().written()).isEmpty();
    BackupCatalogue.Result forgotten = generate(catalogueText(dir, withoutAnalytics()), out, Set.of());
    assertThat(forgotten.diagnostics().hasErrors()).isFalse();
    assertThat(tree(module)).isEqualTo(stub);
    assertThat(generate(catalogueText(dir, withoutAnalytics()), out, Set.of("analytics-dev")).written().orElseThrow().written())
        .isEmpty();
    assertThat(tree(module)).isEqualTo(stub);
    BackupCatalogue.Result removed = generate(catalogueText(dir, withoutAnalytics()), out,
        new RemovalOptions(Set.of(), Set.of("analytics-dev")));
    assertThat(removed.written().orElseThrow().deleted()).containsExactly("accounts/analytics-dev/README.md",
        "accounts/analytics-dev/backend.tf", "accounts/analytics-dev/decommission.tf", "accounts/analytics-dev/module-summary.json",
        "accounts/analytics-dev/providers.tf", "accounts/analytics-dev/variables.tf", "accounts/analytics-dev/versions.tf");
    assertThat(Files.readString(module.resolve("terraform.tfstate"))).as("never touches files it did not write")
        .isEqualTo("{\"serial\": 7}");
  }

  @Test
  void thePipelinesApplyADecommissionStubAfterEveryLevel() throws Exception {
    String pipelines = """
        deployment:
          pipelines:
            engines: [github_actions, gitlab_ci, atlantis]
            directory: infra/backup
            role_arn: arn:aws:iam::109876543210:role/backup-catalogue-apply
            plan_assume_role_name: BackupCataloguePlan
        """;
    Path out = dir.resolve("terraform");
    String before = Files.readString(CHANGES.resolve("before.yaml")).replace("deployment:\n", pipelines);
    assertThat(generate(catalogueText(dir, before), out, Set.of()).diagnostics().hasErrors()).isFalse();
    String live = Files.readString(out.resolve(PipelineFiles.GITHUB));
    assertThat(live).doesNotContain("decommission");

    BackupCatalogue.Result result = generate(catalogueText(dir, withoutAnalytics().replace("deployment:\n", pipelines)), out,
        Set.of("analytics-dev"));

    assertThat(result.diagnostics().hasErrors()).as(result.diagnostics().format()).isFalse();
    String github = Files.readString(out.resolve(PipelineFiles.GITHUB));
    String gitlab = Files.readString(out.resolve(PipelineFiles.GITLAB));
    String atlantis = Files.readString(out.resolve(PipelineFiles.ATLANTIS));
    assertThat(PipelineFilesTest.errors("github-workflow.json", github)).isEmpty();
    assertThat(PipelineFilesTest.errors("gitlab-ci.json", gitlab)).isEmpty();
    // GitHub: a job after the last level, planning with the read-only role the stub's account has
    JsonNode jobs = PipelineFilesTest.yaml(github).get("jobs");
    List<String> ids = new ArrayList<>();
    jobs.fieldNames().forEachRemaining(ids::add);
    assertThat(ids).containsExactly("workflow-is-current", "level-1", "level-2", "level-3", "decommission");
    JsonNode job = jobs.get("decommission");
    assertThat(job.get("needs").toString()).isEqualTo("[\"level-3\"]");
    assertThat(job.at("/strategy/matrix/include").toString()).isEqualTo("[{\"module\":\"accounts/analytics-dev\","
        + "\"region\":\"eu-west-1\",\"plan_options\":\"-var=assume_role_arn=arn:aws:iam::567890123456:role/BackupCataloguePlan\"}]");
    assertThat(job.get("steps").toString()).isEqualTo(jobs.get("level-1").get("steps").toString());
    // GitLab: a last stage, whose jobs wait for every stage before (no needs)
    JsonNode pipeline = PipelineFilesTest.yaml(gitlab);
    assertThat(pipeline.get("stages").toString()).isEqualTo("[\"level-1\",\"level-2\",\"level-3\",\"decommission\"]");
    assertThat(pipeline.get("apply accounts/analytics-dev").toString()).isEqualTo("{\"extends\":\".apply\","
        + "\"stage\":\"decommission\",\"variables\":{\"MODULE_DIR\":\"infra/backup/accounts/analytics-dev\","
        + "\"AWS_REGION\":\"eu-west-1\"},\"resource_group\":\"backup-catalogue/accounts/analytics-dev\"}");
    assertThat(pipeline.at("/plan accounts~1analytics-dev/variables/TF_VAR_assume_role_arn").asText())
        .isEqualTo("arn:aws:iam::567890123456:role/BackupCataloguePlan");
    // Atlantis: the group after the last level
    JsonNode projects = PipelineFilesTest.yaml(atlantis).get("projects");
    JsonNode stub = projects.get(projects.size() - 1);
    assertThat(stub.get("name").asText()).isEqualTo("accounts/analytics-dev");
    assertThat(stub.get("execution_order_group").asInt()).isEqualTo(4);
  }

  @Test
  void allowRemovalOnTheCommandLineStubsAnAccountTheCatalogueDropped() throws Exception {
    Path out = dir.resolve("terraform");
    generate(catalogue(dir, "before.yaml"), out, Set.of());
    BackupCatalogue.Result result = generate(catalogueText(dir, withoutAnalytics()), out, Set.of("analytics-dev"));
    assertThat(result.diagnostics().hasErrors()).isFalse();
    assertThat(Files.readString(out.resolve("accounts/analytics-dev/README.md")))
        .contains("**Why:** removal allowed by the run (allowRemoval)");
  }

  @Test
  void renamingNothingButDescriptionsAndTagsMovesNoStateKey() throws Exception {
    String before = Files.readString(CHANGES.resolve("before.yaml"));
    String renamed = before
        .replace("description: Nightly S3 backups everywhere in the workloads OU.", "description: Renamed for the auditors.")
        .replace("cost-centre: platform", "cost-centre: finance")
        .replace("recovery_point_tags: {backup-plan: production-daily}", "recovery_point_tags: {backup-plan: daily}");
    assertThat(renamed).isNotEqualTo(before);
    SortedMap<String, String> a = backends(BackupCatalogue.render(catalogueText(dir, before), "backup-catalogue.yaml", null, false).files().orElseThrow());
    SortedMap<String, String> b = backends(BackupCatalogue.render(catalogueText(dir, renamed), "backup-catalogue.yaml", null, false).files().orElseThrow());
    assertThat(a).hasSize(6).isEqualTo(b);
    assertThat(a.get("accounts/web-prod/backend.tf")).contains("    key          = \"backup-catalogue/accounts/web-prod/terraform.tfstate\"\n");
  }

  private static SortedMap<String, String> backends(SortedMap<String, String> files) {
    SortedMap<String, String> backends = new TreeMap<>();
    files.forEach((path, text) -> {
      if (path.endsWith("/backend.tf")) {
        backends.put(path, text);
      }
    });
    return backends;
  }

}
