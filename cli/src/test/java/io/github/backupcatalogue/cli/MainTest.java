package io.github.backupcatalogue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command line on the samples: exit codes and what it prints. */
class MainTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path temp;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static String sample(String name) {
    String root = System.getProperty("backupcatalogue.repoRoot", "..");
    return Path.of(root, "samples", name, "backup-catalogue.yaml").toAbsolutePath().normalize().toString();
  }

  private Path invalid() throws Exception {
    Path file = temp.resolve("backup-catalogue.yaml");
    Files.writeString(file, Files.readString(Path.of(sample("single-account"))).replaceFirst("vault: primary\n", "vault: primray\n"));
    return file;
  }

  @ParameterizedTest
  @ValueSource(strings = {"organization", "management-policies", "single-account", "brownfield-org"})
  void everySampleIsValid(String name) {
    Run run = run("validate", sample(name));
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("is valid");
  }

  @Test
  void errorsExitOneWithTheirLineAndColumn() throws Exception {
    Run run = run("validate", invalid().toString());
    assertThat(run.exit()).isEqualTo(Main.CATALOGUE_ERRORS);
    assertThat(run.out()).contains("error[BC104]: unknown vault 'primray'; did you mean 'primary'?").contains("1 error");
  }

  @Test
  void githubAnnotations() throws Exception {
    Run run = run("validate", "--format", "github", invalid().toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out().lines().filter(l -> l.startsWith("::error "))).singleElement().asString()
        .matches("::error file=.*backup-catalogue.yaml,line=\\d+,col=\\d+,title=BC104::unknown vault 'primray'.*");
    assertThat(run.err()).contains("1 error");
  }

  @Test
  void sarifAndJsonOnStandardOutputOrInAFile() throws Exception {
    Run sarif = run("validate", "--format=SARIF", invalid().toString());
    JsonNode log = JSON.readTree(sarif.out());
    assertThat(log.get("version").asText()).isEqualTo("2.1.0");
    assertThat(log.at("/runs/0/results/0/ruleId").asText()).isEqualTo("BC104");

    Path report = temp.resolve("reports/catalogue.json");
    Run json = run("validate", "--format", "json", "--report-file", report.toString(), invalid().toString());
    assertThat(json.exit()).isEqualTo(1);
    assertThat(JSON.readTree(Files.readString(report)).get("errors").asInt()).isEqualTo(1);
    assertThat(json.out()).contains("error[BC104]");
  }

  @Test
  void verboseShowsTheNextRuns() {
    Run run = run("validate", "--verbose", sample("single-account"));
    assertThat(run.out()).containsPattern("next runs of plan daily, rule nightly: cron\\(0 5 \\? \\* \\* \\*\\): \\w{3} \\d{4}-\\d\\d-\\d\\d 05:00 UTC, ");
  }

  @Test
  void usageAndEnvironmentProblemsExitTwo() {
    assertThat(run("validate", "--format", "xml", sample("single-account")).exit()).isEqualTo(Main.USAGE_OR_ENVIRONMENT);
    Run missing = run("validate", temp.resolve("nothing.yaml").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("no catalogue at");
    assertThat(run().exit()).isEqualTo(2);
    assertThat(run("frobnicate").exit()).isEqualTo(2);
    assertThat(run("generate", "--templates", temp.resolve("none").toString(), sample("single-account")).exit()).isEqualTo(2);
  }

  @Test
  void generateWritesTheModulesThenLeavesThemUnchanged() throws Exception {
    Path out = temp.resolve("modules");
    Run first = run("generate", "--output", out.toString(), sample("organization"));
    assertThat(first.exit()).as(first.out() + first.err()).isZero();
    assertThat(first.out()).containsPattern("\\d+ file\\(s\\) written, 0 unchanged, 0 removed");
    try (Stream<Path> files = Files.walk(out)) {
      assertThat(files.filter(f -> f.toString().endsWith(".tf"))).isNotEmpty();
    }
    Run plan = run("plan", "--output", out.toString(), sample("organization"));
    assertThat(plan.exit()).isZero();
    assertThat(plan.out()).contains("unchanged ").doesNotContain("new ").contains(", 0 to write, in ");
    Run second = run("generate", "-o", out.toString(), sample("organization"));
    assertThat(second.out()).containsPattern("0 file\\(s\\) written, \\d+ unchanged, 0 removed");
  }

  @Test
  void nothingIsWrittenForAnInvalidCatalogue() throws Exception {
    Path out = temp.resolve("modules");
    Run run = run("generate", "--output", out.toString(), invalid().toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("nothing was written");
    assertThat(out).doesNotExist();
  }

  @Test
  void failOnWarnings() {
    // the single-account sample's one warning: continuous backup on types without point-in-time restore
    Run run = run("validate", "--fail-on-warnings", sample("single-account"));
    assertThat(run.out()).contains("warning[BC306]");
    assertThat(run.exit()).isEqualTo(1);
  }

  @Test
  void planListsWhatGenerateWouldWrite() {
    Run run = run("plan", "--output", temp.resolve("empty").toString(), sample("single-account"));
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("new       accounts/startup/backup_plans.tf").containsPattern("\\d+ file\\(s\\), \\d+ to write");
  }

  @Test
  void schemaToStandardOutputOrAFile() throws Exception {
    Run run = run("schema");
    assertThat(run.exit()).isZero();
    JsonNode schema = JSON.readTree(run.out());
    assertThat(schema.get("$schema").asText()).contains("2020-12");
    Path file = temp.resolve("schema/backup-catalogue.schema.json");
    assertThat(run("schema", "--output", file.toString()).exit()).isZero();
    assertThat(Files.readString(file)).isEqualTo(run.out());
  }

  @Test
  void helpAndVersion() {
    Run help = run("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("validate").contains("generate").contains("plan").contains("schema").contains("Exit codes:");
    assertThat(run("--version").out()).startsWith("backup-catalogue ");
  }

  @Test
  void validateTakesSeveralCataloguesAsPreCommitPassesThem() throws Exception {
    Run run = run("validate", sample("organization"), invalid().toString(), sample("single-account"));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("error[BC104]").containsSubsequence("is valid", "1 error", "is valid");
    assertThat(run("validate", "--format", "sarif", sample("organization"), sample("single-account")).exit()).isEqualTo(2);
  }
}
