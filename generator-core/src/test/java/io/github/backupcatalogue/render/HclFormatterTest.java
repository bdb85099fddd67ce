package io.github.backupcatalogue.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The formatter's failure classes, one minimal reproducer each (issue 10). */
class HclFormatterTest {

  @Test
  void aQuotedKeyOfTwoThousandCharactersDoesNotOverflowTheStack() {
    String key = "\"" + "k".repeat(2_000) + "\"";
    assertThat(HclFormatter.format("tags = {\n  " + key + " = \"v\"\n  a = \"b\"\n}\n"))
        .isEqualTo("tags = {\n  " + key + " = \"v\"\n  a" + " ".repeat(key.length() - 1) + " = \"b\"\n}\n");
  }

  @Test
  void aQuotedKeyOfOneHundredThousandCharactersWithEscapesIsAligned() {
    String key = "\"" + "a\\\"".repeat(33_333) + "x\"";
    String formatted = HclFormatter.format("tags = {\n  " + key + " = 1\n  b = 2\n}\n");
    assertThat(formatted).contains("  " + key + " = 1\n").contains("  b" + " ".repeat(key.length() - 1) + " = 2\n");
  }

  @Test
  void alignmentCountsGraphemeClustersAsTerraformFmtDoes() {
    // One emoji is 2 UTF-16 units and 4 UTF-8 bytes but one column for hclwrite.
    assertThat(HclFormatter.format("tags = {\n  \"\uD83D\uDD25\" = 1\n  abc = 2\n}\n"))
        .isEqualTo("tags = {\n  \"\uD83D\uDD25\" = 1\n  abc = 2\n}\n");
    // e + combining acute accent: one cluster.
    assertThat(HclFormatter.format("tags = {\n  \"e\u0301t\u00e9\" = 1\n  ab = 2\n}\n"))
        .isEqualTo("tags = {\n  \"e\u0301t\u00e9\" = 1\n  ab    = 2\n}\n");
    // A flag (two regional indicators) is one cluster.
    assertThat(HclFormatter.format("tags = {\n  \"\uD83C\uDDEB\uD83C\uDDF7\" = 1\n  abc = 2\n}\n"))
        .isEqualTo("tags = {\n  \"\uD83C\uDDEB\uD83C\uDDF7\" = 1\n  abc = 2\n}\n");
  }

  @Test
  void comparisonsAndForArrowsAreNotAssignments() {
    assertThat(HclFormatter.format("x = [\n  a == b,\n  c => d,\n  long_name = 1\n  e = 2\n]\n"))
        .isEqualTo("x = [\n  a == b,\n  c => d,\n  long_name = 1\n  e         = 2\n]\n");
  }

  @Test
  void heredocBodiesAreLeftAloneAndDoNotBreakARun() {
    String in = "r {\n  a = <<-EOT\n    x = 1\n      yy = 2   \n  EOT\n  bbb = 2\n}\n";
    assertThat(HclFormatter.format(in)).isEqualTo("r {\n  a   = <<-EOT\n    x = 1\n      yy = 2   \n  EOT\n  bbb = 2\n}\n");
  }
}
