package io.github.backupcatalogue.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.backupcatalogue.BackupCatalogue;
import io.github.backupcatalogue.Catalogues;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HclOutputFormatTest {

  @Test
  void escapesEverythingThatCouldLeaveAnHclString() {
    assertThat(HclOutputFormat.INSTANCE.escapePlainText("a\"b\\c\nd\re\tf ${x} %{y} $z %w"))
        .isEqualTo("a\\\"b\\\\c\\nd\\re\\tf $${x} %%{y} $z %w");
    assertThat(HclOutputFormat.INSTANCE.escapePlainText("\u0001")).isEqualTo("\\u0001");
  }

  @Test
  void heredocBodiesEscapeOnlyTemplateSequences() {
    assertThat(HclOutputFormat.escapeHeredoc("{\"a\": \"${b} %{c}\"}\n}", 2)).isEqualTo("  {\"a\": \"$${b} %%{c}\"}\n  }");
  }

  @Test
  void aCombiningMarkAfterAJsonEscapeStaysOutOfTheEscape() throws Exception {
    // HCL normalises a heredoc body to NFC: "\n" + U+0301 would become "\ń" and break the JSON.
    String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(java.util.Map.of("k", "a\n\u0301\t\u0308x\u00e9"));
    String body = HclOutputFormat.escapeHeredoc(json, 0);
    assertThat(body).isEqualTo("{\"k\":\"a\\n\\u0301\\t\\u0308x\u00e9\"}");
    assertThat(java.text.Normalizer.isNormalized(body, java.text.Normalizer.Form.NFC)).isTrue();
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("k").asText()).isEqualTo("a\n\u0301\t\u0308x\u00e9");
  }

  @TempDir
  Path dir;

  @Test
  void aHostileDescriptionStaysInsideItsString() throws Exception {
    // Tags cannot carry quotes or ${ (AWS's tag characters, BC262); a policy description can.
    String yaml = Catalogues.ORGANIZATION.replace("    plans: [Daily]", "    description: \"x\\\" = 1\\n${file(\\\"/etc/passwd\\\")}\"\n    plans: [Daily]");
    Path catalogue = dir.resolve("backup-catalogue.yaml");
    Files.writeString(catalogue, yaml);
    var files = BackupCatalogue.render(catalogue, "backup-catalogue.yaml", null, false).files().orElseThrow();
    assertThat(files.values()).anySatisfy(text -> assertThat(text)
        .contains("description = \"x\\\" = 1\\n$${file(\\\"/etc/passwd\\\")}\""));
  }

  @Test
  void aHostileTagValueIsRefusedBeforeRendering() {
    String yaml = Catalogues.ORGANIZATION.replace("settings:", "deployment:\n  tags: {team: \"x\\\" = 1\\n${file(\\\"/etc/passwd\\\")}\"}\nsettings:");
    assertThat(Catalogues.headlines(yaml)).containsExactly("backup-catalogue.yaml:16:16: error[BC262]: the tag value "
        + "\"x\\\" = 1\\n${file(\\\"/etc/passwd\\\")}\" has U+0022 (QUOTATION MARK) at character 2, which AWS does not allow in tags");
  }

  @Test
  void formatterAlignsLikeTerraformFmt() {
    String in = "resource \"x\" \"y\" {\n  name = \"a\"\n  description = \"b\"\n  tags = {\n    a = \"b\"\n    longer = \"c\"\n  }\n"
        + "  policy = <<-EOT\n    {\"a\": 1}\n  EOT\n  kms_key_arn = k\n\n\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n";
    assertThat(HclFormatter.format(in)).isEqualTo("resource \"x\" \"y\" {\n  name        = \"a\"\n  description = \"b\"\n  tags = {\n"
        + "    a      = \"b\"\n    longer = \"c\"\n  }\n  policy      = <<-EOT\n    {\"a\": 1}\n  EOT\n  kms_key_arn = k\n\n"
        + "  lifecycle {\n    prevent_destroy = true\n  }\n}\n");
  }
}
