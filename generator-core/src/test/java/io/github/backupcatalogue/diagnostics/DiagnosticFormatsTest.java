package io.github.backupcatalogue.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each output format of diagnostics; SARIF against the SARIF 2.1.0 JSON schema (pinned test data). */
class DiagnosticFormatsTest {

  private static final SourceFile SOURCE = new SourceFile("ci/backup-catalogue.yaml", """
      version: 1
      plans:
        Daily:
          rules:
            Nightly: {schedule: "cron(0 3 30 2 ? *)", vault: primray}
      """);

  private static final Diagnostics DIAGNOSTICS = new Diagnostics(SOURCE, List.of(
      new Diagnostic(Severity.ERROR, "BC104", new Position(5, 60), "unknown vault 'primray'; did you mean 'primary'?", "defined: primary"),
      new Diagnostic(Severity.ERROR, "BC207", new Position(5, 30), "schedule 'cron(0 3 30 2 ? *)' never fires: day 30 of February never exists",
          "pick a day that exists, e.g. L"),
      new Diagnostic(Severity.WARNING, "BC301", new Position(3, 3), "50% of it, with a comma, and a colon: here", null)));

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void githubAnnotationsOnePerLineWithEscapes() {
    assertThat(DiagnosticFormats.github(DIAGNOSTICS).lines()).containsExactly(
        "::warning file=ci/backup-catalogue.yaml,line=3,col=3,title=BC301::50%25 of it, with a comma, and a colon: here",
        "::error file=ci/backup-catalogue.yaml,line=5,col=30,title=BC207::schedule 'cron(0 3 30 2 ? *)' never fires: day 30 of"
            + " February never exists%0Ahint: pick a day that exists, e.g. L",
        "::error file=ci/backup-catalogue.yaml,line=5,col=60,title=BC104::unknown vault 'primray'; did you mean 'primary'?"
            + "%0Ahint: defined: primary");
    assertThat(DiagnosticFormats.property("a,b:c")).isEqualTo("a%2Cb%3Ac");
  }

  @Test
  void jsonHasCountsAndEveryField() throws Exception {
    JsonNode json = MAPPER.readTree(DiagnosticFormats.json(DIAGNOSTICS));
    assertThat(json.get("file").asText()).isEqualTo("ci/backup-catalogue.yaml");
    assertThat(json.get("errors").asInt()).isEqualTo(2);
    assertThat(json.get("warnings").asInt()).isEqualTo(1);
    JsonNode first = json.get("diagnostics").get(1);
    assertThat(first.get("code").asText()).isEqualTo("BC207");
    assertThat(first.get("severity").asText()).isEqualTo("error");
    assertThat(first.get("line").asInt()).isEqualTo(5);
    assertThat(first.get("column").asInt()).isEqualTo(30);
    assertThat(first.get("hint").asText()).isEqualTo("pick a day that exists, e.g. L");
    assertThat(json.get("diagnostics").get(0).has("hint")).isFalse();
  }

  private static JsonSchema sarifSchema() throws Exception {
    try (InputStream in = DiagnosticFormatsTest.class.getResourceAsStream("/sarif/sarif-2.1.0-rtm.5.json")) {
      SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in, config);
    }
  }

  @Test
  void sarifIsValidAgainstTheSarif210Schema() throws Exception {
    JsonNode sarif = MAPPER.readTree(DiagnosticFormats.sarif(DIAGNOSTICS));
    assertThat(sarifSchema().validate(sarif)).isEmpty();
    assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
    JsonNode run = sarif.get("runs").get(0);
    assertThat(run.at("/tool/driver/name").asText()).isEqualTo("backup-catalogue");
    assertThat(run.at("/tool/driver/rules").findValuesAsText("id")).containsExactly("BC104", "BC207", "BC301");
    assertThat(run.at("/tool/driver/rules/1/shortDescription/text").asText()).isEqualTo("schedules and backup windows");
    assertThat(run.at("/tool/driver/rules/1/help/text").asText()).isEqualTo("pick a day that exists, e.g. L");
    JsonNode result = run.get("results").get(1);
    assertThat(result.get("ruleId").asText()).isEqualTo("BC207");
    assertThat(result.get("ruleIndex").asInt()).isEqualTo(1);
    assertThat(result.get("level").asText()).isEqualTo("error");
    assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("ci/backup-catalogue.yaml");
    assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(5);
    assertThat(result.at("/locations/0/physicalLocation/region/startColumn").asInt()).isEqualTo(30);
    assertThat(run.get("results").get(0).get("level").asText()).isEqualTo("warning");
  }

  @Test
  void anEmptyRunIsValidSarifToo() throws Exception {
    Diagnostics none = new Diagnostics(new SourceFile("my catalogue.yaml", "version: 1\n"), List.of());
    JsonNode sarif = MAPPER.readTree(DiagnosticFormats.sarif(none));
    assertThat(sarifSchema().validate(sarif)).isEmpty();
    assertThat(sarif.at("/runs/0/artifacts/0/location/uri").asText()).isEqualTo("my%20catalogue.yaml");
  }

  @Test
  void theSchemaRejectsABrokenLog() throws Exception {
    JsonNode broken = MAPPER.readTree(DiagnosticFormats.sarif(DIAGNOSTICS).replace("\"startLine\"", "\"startline\""));
    assertThat(sarifSchema().validate(broken)).isNotEmpty();
  }

  @Test
  void formatsByName() {
    assertThat(DiagnosticFormat.of("SARIF")).isEqualTo(DiagnosticFormat.SARIF);
    assertThat(DiagnosticFormat.of("github")).isEqualTo(DiagnosticFormat.GITHUB);
    assertThatThrownBy(() -> DiagnosticFormat.of("xml")).hasMessage("unknown diagnostics format 'xml'; use one of text, json, github, sarif");
    assertThat(DiagnosticFormats.format(DIAGNOSTICS, DiagnosticFormat.TEXT)).startsWith("ci/backup-catalogue.yaml:3:3: warning[BC301]")
        .endsWith("ci/backup-catalogue.yaml: 2 errors, 1 warning\n");
  }
}
