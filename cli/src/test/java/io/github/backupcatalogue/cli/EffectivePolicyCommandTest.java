package io.github.backupcatalogue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code effective-policy}: AWS's documented examples verbatim in, the documented effective policy out. */
class EffectivePolicyCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path temp;

  private static MainTest.Run run(String... args) {
    return MainTest.run(args);
  }

  private static Path example(String example, String file) {
    String root = System.getProperty("backupcatalogue.repoRoot", "..");
    return Path.of(root, "generator-core/src/test/resources/effective-policy/aws-docs", example, file).toAbsolutePath().normalize();
  }

  @Test
  void printsTheDocumentedEffectivePolicyOfTheGuidesAppendExample() throws Exception {
    MainTest.Run run = run("effective-policy", "--policy", example("tag-2-append", "policy-a.json").toString(),
        "--policy", example("tag-2-append", "policy-c.json").toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(JSON.readTree(run.out())).isEqualTo(JSON.readTree(example("tag-2-append", "effective.json").toFile()));
    assertThat(run.out()).isEqualTo("""
        {
          "tags": {
            "costcenter": {
              "tag_key": "CostCenter",
              "tag_value": [
                "Development",
                "Support",
                "Marketing"
              ],
              "enforced_for": [
                "redshift:*",
                "dynamodb:table"
              ]
            }
          }
        }
        """);
  }

  @Test
  void aChangeTheParentForbidsIsIgnoredAndReportedAtItsLineOnStandardError() throws Exception {
    Path e = Files.copy(example("tag-4-restrict", "policy-e.json"), temp.resolve("root.json"));
    Path f = Files.copy(example("tag-4-restrict", "policy-f.json"), temp.resolve("ou.json"));
    MainTest.Run run = run("effective-policy", "-p", e.toString(), "-p", f.toString());
    assertThat(run.exit()).isZero();
    assertThat(JSON.readTree(run.out()).at("/tags/project/tag_key").asText()).isEqualTo("Project");
    assertThat(run.err().trim()).isEqualTo(f + ":4:13: warning[BC340]: @@assign is not allowed here: policy '" + e
        + "' allows child policies no change here (@@none) (at /tags/project/tag_key; AWS ignores this change)");
    assertThat(run("effective-policy", "-p", e.toString(), "-p", f.toString(), "--fail-on-warnings").exit())
        .isEqualTo(Main.CATALOGUE_ERRORS);
  }

  @Test
  void aFileThatIsNotJsonIsAnErrorAtItsPositionAndNothingIsPrinted() throws Exception {
    Path broken = temp.resolve("broken.json");
    Files.writeString(broken, "{\n  \"plans\": {\n    \"A\": {\"regions\": {\"@@assign\": [\"eu-west-1\"]}\n  }\n");
    MainTest.Run run = run("effective-policy", "--policy", broken.toString());
    assertThat(run.exit()).isEqualTo(Main.CATALOGUE_ERRORS);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith(broken + ":5:1: error[BC290]: not valid JSON: Unexpected end-of-input");
  }

  @Test
  void aMissingFileIsAUsageError() {
    MainTest.Run run = run("effective-policy", "--policy", temp.resolve("nope.json").toString());
    assertThat(run.exit()).isEqualTo(Main.USAGE_OR_ENVIRONMENT);
    assertThat(run.err()).contains("no policy file at " + temp.resolve("nope.json"));
  }
}
