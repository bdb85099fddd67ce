package io.github.backupcatalogue.load;

import static io.github.backupcatalogue.Catalogues.organizationWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.backupcatalogue.Catalogues;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * The ten most common YAML mistakes, each in plain words at the line the user edited (not where
 * SnakeYAML's parser gave up), with the enclosing mapping's path and a hint how to fix it.
 */
class YamlSyntaxErrorsTest {

  private static final String F = "backup-catalogue.yaml:";

  /** The one diagnostic of the text, as its headline and its hint. */
  private static String only(String yaml) {
    var problems = Catalogues.load(yaml).problems();
    assertThat(problems).hasSize(1);
    Diagnostic d = problems.get(0);
    return d.headline("backup-catalogue.yaml") + "\n  hint: " + d.hint();
  }

  @Test
  void aLineIndentedLessThanItsSiblings() {
    String yaml = organizationWith("        vault: Local\n", "       vault: Local\n");
    assertThat(only(yaml)).isEqualTo(F + "30:8: error[BC001]: line 30 is indented less than the keys of "
        + "`plans.Daily.rules.Nightly` above it\n"
        + "  hint: indent it to column 9 to put it in `plans.Daily.rules.Nightly`, or to column 7 to put it in `plans.Daily.rules`");
  }

  @Test
  void aLineIndentedLessThanAList() {
    String yaml = "version: 1\naccount:\n  regions:\n    - eu-west-1\n   - us-east-1\n";
    assertThat(only(yaml)).isEqualTo(F + "5:4: error[BC001]: line 5 is indented less than the items of the list "
        + "`account.regions` above it\n"
        + "  hint: indent it to column 5 to put it in `account.regions`, or to column 3 to put it in `account`");
  }

  @Test
  void aLineIndentedMoreThanItsSiblings() {
    String yaml = organizationWith("        vault: Local\n", "          vault: Local\n");
    assertThat(only(yaml)).isEqualTo(F + "30:11: error[BC001]: line 30 is indented more than the keys of "
        + "`plans.Daily.rules.Nightly` above it, but `lifecycle` on line 29 already has a value\n"
        + "  hint: indent it to column 9 like `lifecycle`, or, if it belongs inside `lifecycle`, remove the value after the "
        + "colon on line 29");
  }

  @Test
  void aLineIndentedUnderAPlainValue() {
    String yaml = organizationWith("    rules:\n", "    rules: none\n");
    assertThat(only(yaml)).isEqualTo(F + "27:7: error[BC001]: line 27 is indented more than the keys of "
        + "`plans.Daily` above it, but `rules` on line 26 already has a value\n"
        + "  hint: indent it to column 5 like `rules`, or, if it belongs inside `rules`, remove the value after the colon "
        + "on line 26");
  }

  @Test
  void aMissingSpaceAfterTheColon() {
    String yaml = organizationWith("        vault: Local\n", "        vault:Local\n");
    assertThat(only(yaml)).isEqualTo(F + "30:15: error[BC001]: missing space after `:` in `vault:Local` on line 30: "
        + "YAML reads it as one text, not as the key `vault` and its value\n"
        + "  hint: write `vault: Local`");
  }

  @Test
  void aMissingColonAfterAKey() {
    String yaml = organizationWith("    rules:\n", "    rules\n");
    assertThat(only(yaml)).isEqualTo(F + "26:10: error[BC001]: missing `:` after the key `rules` on line 26\n"
        + "  hint: write `rules:`");
    String value = organizationWith("        vault: Local\n", "        vault Local\n");
    assertThat(only(value)).isEqualTo(F + "30:14: error[BC001]: missing `:` after the key `vault` on line 30\n"
        + "  hint: write `vault: Local`");
  }

  @Test
  void columnsCountCharactersNotUtf16Units() {
    String yaml = "version: 1\naccount\uD83D\uDE00\n  name: x\n";
    assertThat(only(yaml)).startsWith(F + "2:9: error[BC001]: missing `:` after the key `account\uD83D\uDE00` on line 2\n");
    String value = "version: 1\naccount:\n  name: \uD83D\uDE00: x\n";
    assertThat(only(value)).startsWith(F + "3:10: error[BC001]: the value of `name` contains `: `");
  }

  @Test
  void anUnclosedQuote() {
    String yaml = organizationWith("cross_account_backup: true", "cross_account_backup: \"true");
    assertThat(only(yaml)).isEqualTo(F + "16:25: error[BC001]: the quoted value of `cross_account_backup` on line 16 has "
        + "no closing \"\n"
        + "  hint: add the closing \" at the end of the value on line 16 (a quote inside it is written \\\")");
  }

  @Test
  void anUnclosedFlowListOrMapping() {
    String list = organizationWith("    regions: [eu-west-1]\n", "    regions: [eu-west-1\n");
    assertThat(only(list)).isEqualTo(F + "25:14: error[BC001]: the list `[` opened on line 25 is not closed\n"
        + "  hint: add `]` after its last item on line 25; items are separated by `, `");
    String mapping = organizationWith("lifecycle: {delete_after_days: 35}", "lifecycle: {delete_after_days: 35");
    assertThat(only(mapping)).isEqualTo(F + "29:20: error[BC001]: the mapping `{` opened on line 29 is not closed\n"
        + "  hint: add `}` after its last item on line 29; entries are separated by `, `");
    String wrong = organizationWith("    regions: [eu-west-1]\n", "    regions: [eu-west-1}\n");
    assertThat(only(wrong)).isEqualTo(F + "25:24: error[BC001]: the list `[` opened on line 25 column 14 is closed with `}`\n"
        + "  hint: close it with `]`");
  }

  @Test
  void aTabUsedForIndentation() {
    String yaml = organizationWith("settings:\n  cross", "settings:\n\tcross");
    assertThat(only(yaml)).isEqualTo(F + "16:1: error[BC004]: tab character in indentation\n"
        + "  hint: YAML indents with spaces only; replace the tab with spaces");
  }

  @Test
  void aListItemAmongTheKeysOfAMapping() {
    String yaml = organizationWith("        vault: Local\n", "        vault: Local\n        - Central\n");
    assertThat(only(yaml)).isEqualTo(F + "31:9: error[BC001]: line 31 is a list item (`- `) among the keys of "
        + "`plans.Daily.rules.Nightly`; a mapping's entries are all `key: value`\n"
        + "  hint: write it as `key: value`, or, if it is an item of the list above, indent it under that list's key");
  }

  @Test
  void aKeyAmongTheItemsOfAList() {
    String yaml = "version: 1\naccount:\n  - name: x\n  id: y\n";
    assertThat(only(yaml)).isEqualTo(F + "4:3: error[BC001]: line 4 is a `key: value` among the items (`- `) of the list "
        + "`account`\n"
        + "  hint: start it with `- ` to make it an item, or, if it belongs to the item above, indent it to column 5");
  }

  @Test
  void aDuplicateKey() {
    String yaml = organizationWith("        vault: Local\n", "        vault: Local\n        vault: Central\n");
    assertThat(Catalogues.load(yaml).problems().get(0).headline("backup-catalogue.yaml"))
        .isEqualTo(F + "31:9: error[BC007]: duplicate key 'vault' (first defined at line 30)");
  }

  @Test
  void aValueStartingWithAReservedCharacter() {
    String at = organizationWith("schedule: cron(0 3 ? * * *)", "schedule: @daily");
    assertThat(only(at)).isEqualTo(F + "28:19: error[BC001]: a value cannot start with '@': YAML reserves that character\n"
        + "  hint: quote the value: \"@daily\"");
    String backtick = organizationWith("schedule: cron(0 3 ? * * *)", "schedule: `cron(0 3 ? * * *)`");
    assertThat(only(backtick)).isEqualTo(F + "28:19: error[BC001]: a value cannot start with '`': YAML reserves that "
        + "character\n  hint: quote the value: \"`cron(0 3 ? * * *)`\"");
    String percent = organizationWith("schedule: cron(0 3 ? * * *)", "schedule: %daily");
    assertThat(only(percent)).startsWith(F + "28:19: error[BC001]: a value cannot start with '%'");
  }

  @Test
  void aValueStartingWithAStar() {
    String star = organizationWith("schedule: cron(0 3 ? * * *)", "schedule: * 3 ? * * *");
    assertThat(only(star)).isEqualTo(F + "28:19: error[BC001]: a value cannot start with '*': YAML reads it as an alias "
        + "(a reference to an anchor)\n  hint: quote the value: \"* 3 ? * * *\"");
    String alias = organizationWith("        vault: Local\n", "        vault: *Local\n");
    assertThat(only(alias)).isEqualTo(F + "30:16: error[BC001]: `*Local` reads as a reference to an anchor `&Local`, and "
        + "there is none: YAML treats a value starting with `*` as an alias\n  hint: quote the value: \"*Local\"");
  }

  @Test
  void aValueContainingColonSpace() {
    String yaml = organizationWith("        vault: Local\n", "        vault: Local: Central\n");
    assertThat(only(yaml)).isEqualTo(F + "30:21: error[BC001]: the value of `vault` contains `: `, which YAML reads as "
        + "the start of another key\n  hint: quote the value: vault: \"Local: Central\"");
  }

  @Test
  void textAfterAClosingQuote() {
    String yaml = "version: 1\naccount:\n  id: \"123456789012\" x\n";
    assertThat(only(yaml)).isEqualTo(F + "3:22: error[BC001]: text after the closing quote on line 3\n"
        + "  hint: put the whole value inside the quotes, or remove the text after them");
  }

  @Test
  void aSecondDocumentOrAnEarlyDocumentEnd() {
    assertThat(only(Catalogues.ORGANIZATION + "---\nversion: 1\n")).isEqualTo(F + "41:1: error[BC001]: line 41 starts a "
        + "second YAML document (`---`); a catalogue is one document\n"
        + "  hint: remove the `---` line, and everything after it that does not belong to the catalogue");
    String early = organizationWith("policies:\n", "...\npolicies:\n");
    assertThat(only(early)).isEqualTo(F + "37:1: error[BC001]: line 37 (`...`) ends the YAML document, but more follows\n"
        + "  hint: remove the `...` line; a catalogue is one document");
  }

  @Test
  void whatIsNotRecognisedKeepsTheParsersWords() {
    String yaml = organizationWith("cross_account_backup: true", "cross_account_backup: !!javax.script.ScriptEngineManager [x]");
    assertThat(only(yaml)).startsWith(F + "16:25: error[BC001]: the file is not valid YAML: Global tag is not allowed");
  }
}
