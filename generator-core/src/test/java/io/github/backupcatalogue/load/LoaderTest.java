package io.github.backupcatalogue.load;

import static io.github.backupcatalogue.Catalogues.headlines;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.backupcatalogue.Catalogues;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Safe loading: what the loader refuses, and how it says so. */
class LoaderTest {

  private static final String F = "backup-catalogue.yaml:";

  @Test
  void duplicateKeysAreRejectedWithBothLines() {
    String yaml = Catalogues.ORGANIZATION.replace("settings:\n", "settings:\n  cross_account_backup: false\n");
    assertThat(headlines(yaml)).contains(
        F + "17:3: error[BC007]: duplicate key 'cross_account_backup' (first defined at line 16)");
  }

  @Test
  void unknownKeysGetADidYouMean() {
    String yaml = Catalogues.ORGANIZATION.replace("cross_account_backup: true", "cross_acount_backup: true");
    assertThat(headlines(yaml)).contains(
        F + "16:3: error[BC010]: unknown key 'cross_acount_backup' in settings; did you mean 'cross_account_backup'?");
  }

  @Test
  void wrongTypesAreReported() {
    String yaml = Catalogues.ORGANIZATION.replace("min_retention_days: 7,", "min_retention_days: seven,")
        .replace("cross_account_backup: true", "cross_account_backup: yes");
    assertThat(headlines(yaml)).containsExactly(
        F + "16:25: error[BC011]: 'yes' is not a boolean",
        F + "19:50: error[BC011]: 'seven' is not a whole number");
  }

  @Test
  void missingRequiredKeysAreReported() {
    String yaml = Catalogues.ORGANIZATION.replace("        vault: Local\n", "");
    assertThat(headlines(yaml)).containsExactly(F + "27:7: error[BC012]: missing required key 'vault' in plans.Daily.rules.Nightly");
  }

  @Test
  void tabsInIndentationAreRejected() {
    String yaml = Catalogues.ORGANIZATION.replace("settings:\n  cross", "settings:\n\tcross");
    assertThat(headlines(yaml)).containsExactly(F + "16:1: error[BC004]: tab character in indentation");
  }

  @Test
  void customTagsAreRejected() {
    String yaml = Catalogues.ORGANIZATION.replace("cross_account_backup: true", "cross_account_backup: !!javax.script.ScriptEngineManager [x]");
    assertThat(headlines(yaml)).containsExactly(
        F + "16:25: error[BC001]: the file is not valid YAML: Global tag is not allowed: tag:yaml.org,2002:javax.script.ScriptEngineManager");
    String local = Catalogues.ORGANIZATION.replace("cross_account_backup: true", "cross_account_backup: !include other.yaml");
    assertThat(headlines(local)).contains(F + "16:25: error[BC005]: YAML tag !include is not allowed in a catalogue");
  }

  /**
   * Ten values behind nine levels of five aliases would expand to 19.5 million: the loader stops at
   * its cap of 250,000 (the message says so), which is what bounds time and memory. The timeout only
   * guards against a hang (an uncapped expansion runs out of heap long before); how fast loading is
   * belongs to the benchmark (bench/), not to a timed test on a shared machine.
   */
  @Test
  void anAliasBombIsStoppedAtTheCap() {
    StringBuilder bomb = new StringBuilder("version: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i <= 9; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [");
      bomb.append(("*a" + (i - 1) + ", ").repeat(4)).append("*a").append(i - 1).append("]\n");
    }
    var lines = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(120), () -> headlines(bomb.toString()));
    assertThat(lines).anyMatch(l -> l.contains("error[BC002]: aliases expand the catalogue to more than 250000 values"));
  }

  @Test
  void tooManyAliasesAreRefused() {
    StringBuilder yaml = new StringBuilder("version: 1\nx: &x [1]\ny: [");
    yaml.append("*x, ".repeat(60)).append("*x]\n");
    assertThat(headlines(yaml.toString())).singleElement().asString().contains("error[BC002]");
  }

  /**
   * One rule for the loader, the JSON Schema, editors and the README: account ids (and all text)
   * are quoted. Unquoted, 012345678901 is the number 12345678901 to every other YAML tool.
   */
  @Test
  void unquotedAccountIdsAreRefusedAndQuotedOnesKeepTheirLeadingZeros() {
    String unquoted = Catalogues.ORGANIZATION.replace("\"345678901234\"", "012345678901");
    assertThat(headlines(unquoted)).containsExactly(F + "14:15: error[BC011]: '012345678901' is not text in YAML: unquoted, "
        + "it reads as a number and loses its leading zero in editors and other YAML tools");
    String quoted = Catalogues.ORGANIZATION.replace("\"345678901234\"", "\"012345678901\"");
    assertThat(Catalogues.load(quoted).catalogue().orElseThrow().organization().accounts().get("app").id())
        .isEqualTo("012345678901");
    assertThat(headlines(Catalogues.ORGANIZATION.replace("\"345678901234\"", "345678901234"))).singleElement().asString()
        .contains("error[BC011]: '345678901234' is not text in YAML: unquoted, it reads as a number in editors");
  }

  @Test
  void unsupportedVersionsStopAtOnce() {
    assertThat(headlines("version: 2\n")).containsExactly(
        F + "1:10: error[BC013]: unsupported catalogue version '2'; this generator reads version 1");
  }

  @Test
  void invalidYamlPointsAtTheProblem() {
    assertThat(headlines("version: 1\nplans: [unclosed\n")).containsExactly(F + "2:8: error[BC001]: the list `[` opened on line 2 is not closed");
  }
}
