package io.github.backupcatalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.backupcatalogue.diagnostics.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each sample's full output, byte for byte, against the committed expected files. To accept an
 * intended change, run with {@code -Dbackupcatalogue.updateGolden=true} and review the diff.
 */
class GoldenFilesTest {

  static java.util.List<String> samples() {
    return TestFiles.sampleNames();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void sampleOutputMatchesTheGoldenFiles(String sample) throws Exception {
    var result = BackupCatalogue.render(TestFiles.sample(sample), "backup-catalogue.yaml", null, false);
    assertThat(result.diagnostics().all()).allMatch(d -> d.severity() != Severity.ERROR);
    SortedMap<String, String> files = result.files().orElseThrow();
    Path golden = TestFiles.golden(sample);
    if (Boolean.getBoolean("backupcatalogue.updateGolden")) {
      if (Files.exists(golden)) {
        try (var walk = Files.walk(golden)) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      for (var file : files.entrySet()) {
        Path target = golden.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
      }
    }
    SortedMap<String, String> expected = TestFiles.readTree(golden);
    assertThat(files.keySet()).containsExactlyElementsOf(expected.keySet());
    for (var file : files.entrySet()) {
      assertThat(file.getValue()).as(file.getKey()).isEqualTo(expected.get(file.getKey()));
    }
  }

  /**
   * The organization policy documents the generator means to send, straight from the planner (not
   * through the templates). The Terratest tier compares each plan's policy content with these.
   */
  @ParameterizedTest
  @MethodSource("samples")
  void expectedPolicyDocumentsAreUpToDate(String sample) throws Exception {
    var catalogue = new io.github.backupcatalogue.load.CatalogueLoader().load(TestFiles.sample(sample), "backup-catalogue.yaml").catalogue().orElseThrow();
    SortedMap<String, String> files = new java.util.TreeMap<>();
    for (String name : catalogue.policies().keySet()) {
      files.put("policies/aws_organizations_policy." + io.github.backupcatalogue.plan.Identifiers.of(name) + ".json",
          io.github.backupcatalogue.plan.Json.pretty(io.github.backupcatalogue.plan.BackupPolicyDocuments.document(catalogue, name)) + "\n");
    }
    Path dir = TestFiles.repoRoot().resolve("generator-core/src/test/resources/expected-policies").resolve(sample);
    if (Boolean.getBoolean("backupcatalogue.updateGolden")) {
      for (var file : files.entrySet()) {
        Files.createDirectories(dir.resolve(file.getKey()).getParent());
        Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
      }
    }
    assertThat(TestFiles.readTree(dir)).isEqualTo(files);
  }
}
