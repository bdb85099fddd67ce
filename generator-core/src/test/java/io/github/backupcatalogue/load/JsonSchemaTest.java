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

  private static JsonNode yaml(String text) {
    Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
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
}
