package io.github.backupcatalogue.effective;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.backupcatalogue.plan.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules beyond the guide's worked examples, each with the finding a broken policy gets. */
class EffectivePolicyEngineTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static EffectiveResult chain(String... policies) {
    List<PolicyDocument> documents = new ArrayList<>();
    for (int i = 0; i < policies.length; i++) {
      try {
        documents.add(new PolicyDocument("p" + i, MAPPER.readTree(policies[i].replace('\'', '"'))));
      } catch (Exception e) {
        throw new IllegalArgumentException(e);
      }
    }
    return EffectivePolicyEngine.chain(documents);
  }

  private static String json(String text) {
    try {
      return Json.pretty(MAPPER.readTree(text.replace('\'', '"')));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static List<String> findings(EffectiveResult result) {
    return result.findings().stream().map(Finding::describe).toList();
  }

  @Test
  void noneOnAnObjectForbidsAddingKeysButNotChangingTheValuesBelowIt() {
    // AI services opt-out syntax: "@@operators_allowed_for_child_policies" under a key "controls
    // whether a child policy can add to or change the list of keys under this entry".
    EffectiveResult result = chain(
        "{'plans': {'@@operators_allowed_for_child_policies': ['@@none'], 'A': {'regions': {'@@assign': ['eu-west-1']}}}}",
        "{'plans': {'B': {'regions': {'@@assign': ['us-east-1']}}, 'A': {'regions': {'@@append': ['eu-central-1']}}}}");
    assertThat(Json.pretty(result.effective())).isEqualTo(json("{'plans': {'A': {'regions': ['eu-west-1', 'eu-central-1']}}}"));
    assertThat(findings(result)).containsExactly(
        "p1: /plans/B: adding 'B' is not allowed: policy 'p0' allows child policies no change here (@@none)");
    assertThat(result.findings().get(0)).isEqualTo(new Finding("p1", "/plans/B", "@@append", "p0",
        "adding 'B' is not allowed: policy 'p0' allows child policies no change here (@@none)"));
  }

  @Test
  void aRestrictionCannotBeWidenedLowerDown() {
    EffectiveResult result = chain(
        "{'x': {'@@operators_allowed_for_child_policies': ['@@append'], '@@assign': ['a']}}",
        "{'x': {'@@operators_allowed_for_child_policies': ['@@all'], '@@append': ['b']}}",
        "{'x': {'@@assign': ['c']}}");
    assertThat(Json.pretty(result.effective())).isEqualTo(json("{'x': ['a', 'b']}"));
    assertThat(findings(result)).containsExactly(
        "p2: /x: @@assign is not allowed here: policy 'p0' allows child policies only @@append here");
  }

  @Test
  void restrictionsFromSeveralLevelsIntersectAndNameEveryPolicy() {
    EffectiveResult result = chain(
        "{'x': {'@@operators_allowed_for_child_policies': ['@@append', '@@remove'], '@@assign': ['a']}}",
        "{'x': {'@@operators_allowed_for_child_policies': ['@@remove', '@@assign']}}",
        "{'x': {'@@append': ['b']}}");
    assertThat(findings(result)).containsExactly(
        "p2: /x: @@append is not allowed here: policies 'p0' and 'p1' together allow child policies only @@remove here");
    assertThat(result.findings().get(0).forbiddenBy()).isEqualTo("p0, p1");
  }

  @Test
  void appendAndRemoveTakeListsAndWorkOnListsOnly() {
    EffectiveResult result = chain(
        "{'k': {'@@assign': 'one'}, 'l': {'@@assign': ['a', 'b']}}",
        "{'k': {'@@append': ['two']}, 'l': {'@@append': 'c', '@@remove': ['a', 'zz']}, 'm': {'@@remove': ['q']}}");
    assertThat(Json.pretty(result.effective())).isEqualTo(json("{'k': 'one', 'l': ['b']}"));
    assertThat(findings(result)).containsExactly(
        "p1: /k: the inherited setting holds one value, not a list; @@append is ignored",
        "p1: /l: @@append takes a list of values; it is ignored");
  }

  @Test
  void appendDoesNotDuplicateAndRemovingEveryValueRemovesTheSetting() {
    EffectiveResult result = chain(
        "{'l': {'@@append': ['a', 'b']}, 'k': {'@@assign': ['z']}}",
        "{'l': {'@@append': ['b', 'c']}, 'k': {'@@remove': ['z']}}");
    assertThat(Json.pretty(result.effective())).isEqualTo(json("{'l': ['a', 'b', 'c']}"));
    assertThat(result.setBy()).containsOnlyKeys("/l").containsEntry("/l", "p1");
  }

  @Test
  void malformedPoliciesAreReportedAndTheRestStillMerges() {
    EffectiveResult result = chain(
        "{'a': {'@@assign': 'x'}, 'b': 'raw', 'c': {'@@operators_allowed_for_child_policies': ['@@sometimes'], '@@assign': 'y'}, 'd': {'@@replace': 'q'}}",
        "[1, 2]",
        "{'a': {'child': {'@@assign': 'w'}}, 'c': {'@@operators_allowed_for_child_policies': '@@none'}}");
    assertThat(Json.pretty(result.effective())).isEqualTo(json("{'a': 'x', 'c': 'y'}"));
    assertThat(findings(result)).containsExactly(
        "p0: /b: a value must be written under @@assign, @@append or @@remove; it is ignored",
        "p0: /c/@@operators_allowed_for_child_policies: '\"@@sometimes\"' is not @@all, @@none, @@assign, @@append or @@remove; it is ignored",
        "p0: /d: '@@replace' is not an inheritance operator; it is ignored",
        "p1: /: the policy is not a JSON object; it is ignored",
        "p2: /a/child: the inherited setting at /a is a value, not an object; the key is ignored",
        "p2: /c/@@operators_allowed_for_child_policies: @@operators_allowed_for_child_policies takes a list such as [\"@@append\"]; it is ignored");
  }

  @Test
  void backupRuleAndTagIdentifiersMatchWhateverTheirCase() {
    EffectiveResult result = chain(
        "{'plans': {'P': {'rules': {'Daily': {'@@operators_allowed_for_child_policies': ['@@none'], 'target_backup_vault_name': {'@@assign': 'V'}}}}}}",
        "{'plans': {'P': {'rules': {'DAILY': {'copy_actions': {'@@assign': 'x'}}}}, 'p': {'regions': {'@@assign': ['eu-west-1']}}}}");
    assertThat(Json.pretty(result.effective())).isEqualTo(json(
        "{'plans': {'P': {'rules': {'daily': {'target_backup_vault_name': 'V'}}}, 'p': {'regions': ['eu-west-1']}}}"));
    assertThat(findings(result)).containsExactly(
        "p1: /plans/P/rules/DAILY/copy_actions: adding 'copy_actions' is not allowed: policy 'p0' allows child policies no change here (@@none)");
  }

  @Test
  void theInputsAreNotChanged() throws Exception {
    JsonNode parent = MAPPER.readTree("{\"l\": {\"@@assign\": [\"a\"]}}");
    JsonNode child = MAPPER.readTree("{\"l\": {\"@@append\": [\"b\"]}}");
    String before = Json.pretty(parent) + Json.pretty(child);
    EffectiveResult result = EffectivePolicyEngine.chain(List.of(new PolicyDocument("p", parent), new PolicyDocument("c", child)));
    result.effective().withArray("l").add("z");
    assertThat(Json.pretty(parent) + Json.pretty(child)).isEqualTo(before);
  }
}
