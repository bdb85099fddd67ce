package io.github.backupcatalogue.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.github.backupcatalogue.Catalogues;
import io.github.backupcatalogue.TestFiles;
import io.github.backupcatalogue.plan.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The published schema is the one the records define, accepts every sample and rejects bad shapes. */
class JsonSchemaTest {

  private static final Path PUBLISHED = TestFiles.repoRoot().resolve("schema/backup-catalogue.schema.json");

  /** The catalogue as an editor reads it: YAML 1.2's core schema (unquoted 012345678901 is a number). */
  private static JsonNode yaml(String text) {
    Object tree = new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder()
        .setSchema(new org.snakeyaml.engine.v2.schema.CoreSchema()).build())
        .loadFromString(text);
    return new ObjectMapper().valueToTree(tree);
  }

  private static com.networknt.schema.JsonSchema schema() throws Exception {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Files.readString(PUBLISHED));
  }

  @Test
  void thePublishedSchemaIsUpToDate() throws Exception {
    String generated = Json.pretty(JsonSchemas.catalogue()) + "\n";
    if (Boolean.getBoolean("backupcatalogue.updateGolden")) {
      Files.writeString(PUBLISHED, generated);
    }
    assertThat(Files.readString(PUBLISHED)).isEqualTo(generated);
  }

  static java.util.List<String> samples() {
    return TestFiles.sampleNames();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void acceptsEverySample(String sample) throws Exception {
    assertThat(schema().validate(yaml(Files.readString(TestFiles.sample(sample))))).isEmpty();
  }

  @Test
  void rejectsUnknownKeysWrongTypesAndMissingKeys() throws Exception {
    assertThat(schema().validate(yaml(Catalogues.ORGANIZATION.replace("cross_account_backup", "cross_acount_backup")))).isNotEmpty();
    assertThat(schema().validate(yaml(Catalogues.ORGANIZATION.replace("min_retention_days: 7", "min_retention_days: seven")))).isNotEmpty();
    assertThat(schema().validate(yaml(Catalogues.ORGANIZATION.replace("        vault: Local\n", "")))).isNotEmpty();
    assertThat(schema().validate(yaml(Catalogues.ORGANIZATION.replace("mode: governance", "mode: strict")))).isNotEmpty();
  }

  /**
   * The schema and the loader give the same verdict on one corpus: the samples, the base catalogue,
   * and one variant per kind of mistake the schema can see (unknown key, wrong type, missing key,
   * bad enum value, unquoted id, pattern, range). "Valid" for the loader means no error at all.
   */
  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> corpus() throws Exception {
    String base = Catalogues.ORGANIZATION;
    java.util.List<org.junit.jupiter.params.provider.Arguments> cases = new java.util.ArrayList<>();
    for (String sample : TestFiles.sampleNames()) {
      cases.add(org.junit.jupiter.params.provider.Arguments.of("sample " + sample, Files.readString(TestFiles.sample(sample)), true));
    }
    cases.add(org.junit.jupiter.params.provider.Arguments.of("base", base, true));
    cases.add(org.junit.jupiter.params.provider.Arguments.of("quoted id with a leading zero",
        base.replace("\"345678901234\"", "\"012345678901\""), true));
    cases.add(org.junit.jupiter.params.provider.Arguments.of("unquoted id with a leading zero",
        base.replace("\"345678901234\"", "012345678901"), false));
    cases.add(org.junit.jupiter.params.provider.Arguments.of("unquoted id", base.replace("\"345678901234\"", "345678901234"), false));
    cases.add(org.junit.jupiter.params.provider.Arguments.of("id of 11 digits", base.replace("\"345678901234\"", "\"34567890123\""), false));
    cases.add(org.junit.jupiter.params.provider.Arguments.of("unknown key", base.replace("cross_account_backup", "cross_acount_backup"), false));
    cases.add(org.junit.jupiter.params.provider.Arguments.of("wrong type", base.replace("min_retention_days: 7", "min_retention_days: seven"), false));
    cases.add(org.junit.jupiter.params.provider.Arguments.of("missing key", base.replace("        vault: Local\n", ""), false));
    cases.add(org.junit.jupiter.params.provider.Arguments.of("bad enum", base.replace("mode: governance", "mode: strict"), false));
    cases.add(org.junit.jupiter.params.provider.Arguments.of("organization id pattern", base.replace("o-a1b2c3d4e5", "org-1"), false));
    cases.add(org.junit.jupiter.params.provider.Arguments.of("unquoted number as a tag value",
        base.replace("settings:\n", "deployment:\n  tags: {cost-centre: 1234}\nsettings:\n"), false));
    cases.add(org.junit.jupiter.params.provider.Arguments.of("quoted number as a tag value",
        base.replace("settings:\n", "deployment:\n  tags: {cost-centre: \"1234\"}\nsettings:\n"), true));
    cases.add(org.junit.jupiter.params.provider.Arguments.of("deletion window out of range",
        base.replace("    lock: {mode: governance, min_retention_days: 7, max_retention_days: 400}\n",
            "    lock: {mode: governance, min_retention_days: 7, max_retention_days: 400}\n    encryption: {deletion_window_days: 3}\n"), false));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void theSchemaAndTheLoaderAgree(String name, String yaml, boolean valid) throws Exception {
    boolean schemaAccepts = schema().validate(yaml(yaml)).isEmpty();
    boolean loaderAccepts = io.github.backupcatalogue.BackupCatalogue.validate(
        new io.github.backupcatalogue.diagnostics.SourceFile("backup-catalogue.yaml", yaml)).all().stream()
        .noneMatch(d -> d.severity() == io.github.backupcatalogue.diagnostics.Severity.ERROR);
    assertThat(schemaAccepts).as("the schema's verdict on %s", name).isEqualTo(valid);
    assertThat(loaderAccepts).as("the loader's verdict on %s", name).isEqualTo(valid);
  }

  @Test
  void everyKeyOfTheSchemaHasADescription() throws Exception {
    JsonNode schema = new ObjectMapper().readTree(Files.readString(PUBLISHED));
    java.util.List<String> undocumented = new java.util.ArrayList<>();
    undocumented(schema, "", undocumented);
    assertThat(undocumented).isEmpty();
  }

  private static void undocumented(JsonNode node, String path, java.util.List<String> into) {
    JsonNode properties = node.get("properties");
    if (properties != null) {
      properties.fields().forEachRemaining(e -> {
        if (!e.getValue().has("description")) {
          into.add(path + "/" + e.getKey());
        }
        undocumented(e.getValue(), path + "/" + e.getKey(), into);
      });
    }
    for (String child : new String[] {"additionalProperties", "items"}) {
      if (node.has(child) && node.get(child).isObject()) {
        undocumented(node.get(child), path + "/*", into);
      }
    }
    if (node.has("anyOf")) {
      node.get("anyOf").forEach(alternative -> undocumented(alternative, path, into));
    }
  }
}
