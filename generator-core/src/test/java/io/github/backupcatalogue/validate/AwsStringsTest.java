package io.github.backupcatalogue.validate;

import static io.github.backupcatalogue.Catalogues.headlines;
import io.github.backupcatalogue.Catalogues;
import static io.github.backupcatalogue.Catalogues.organizationWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** AWS's rules for tags, descriptions and ARNs (BC261-BC265): the exact message at the exact place. */
class AwsStringsTest {

  private static final String F = "backup-catalogue.yaml:";

  private static String withTags(String tags) {
    return organizationWith("settings:", "deployment:\n  tags: " + tags + "\nsettings:");
  }

  static Stream<Arguments> rules() {
    String tooMany = IntStream.range(0, 50).mapToObj(i -> "t" + i + ": x").collect(Collectors.joining(", ", "{", "}"));
    return Stream.of(
        Arguments.of("tag keys are not empty", withTags("{\"\": x}"),
            F + "16:10: error[BC261]: a tag key cannot be empty"),
        Arguments.of("tag keys have at most 128 characters", withTags("{" + "k".repeat(129) + ": x}"),
            F + "16:10: error[BC261]: the tag key is 129 characters; AWS allows 128"),
        Arguments.of("tag values have at most 256 characters", withTags("{team: " + "v".repeat(257) + "}"),
            F + "16:16: error[BC262]: the tag value is 257 characters; AWS allows 256"),
        Arguments.of("tag keys have AWS's characters", withTags("{\"team!\": x}"),
            F + "16:10: error[BC261]: the tag key \"team!\" has U+0021 (EXCLAMATION MARK) at character 5, which AWS does not allow in tags"),
        Arguments.of("tag values have no line breaks", withTags("{team: \"a\\nb\"}"),
            F + "16:16: error[BC262]: the tag value \"a\\nb\" has U+000A (LINE FEED (LF)) at character 2, which AWS does not allow in tags"),
        Arguments.of("aws: is reserved in keys", withTags("{\"AWS:team\": x}"),
            F + "16:10: error[BC261]: the tag key \"AWS:team\" starts with 'aws:', which AWS reserves for its own tags"),
        Arguments.of("aws: is reserved in values", withTags("{team: \"aws:x\"}"),
            F + "16:16: error[BC262]: the tag value \"aws:x\" starts with 'aws:', which AWS reserves for its own tags"),
        Arguments.of("at most 50 tags with the generator's own", withTags(tooMany),
            F + "16:3: error[BC263]: 51 tags on one resource (with the generator's 'managed-by'); AWS allows 50"),
        Arguments.of("vault tags count the default tags", organizationWith("  Local:\n", "  Local:\n    tags: " + tooMany + "\n"),
            F + "19:5: error[BC263]: 51 tags on one resource (with the generator's 'managed-by'); AWS allows 50"),
        Arguments.of("recovery point tags", organizationWith("vault: Local\n", "vault: Local\n        recovery_point_tags: {\"a b\": \"c#\"}\n"),
            F + "31:38: error[BC262]: the tag value \"c#\" has U+0023 (NUMBER SIGN) at character 2, which AWS does not allow in tags"),
        Arguments.of("selection tags", organizationWith("resource_types: [RDS]", "tag: {key: \"aws:x\", value: y}"),
            F + "36:20: error[BC261]: the tag key \"aws:x\" starts with 'aws:', which AWS reserves for its own tags"),
        Arguments.of("tag_like may use *, tag_equals may not", organizationWith("resource_types: [RDS]",
                "resource_types: [RDS]\n        conditions: {tag_like: {env: \"prod*\"}, tag_equals: {env: \"prod*\"}}"),
            F + "37:66: error[BC262]: the tag value \"prod*\" has U+002A (ASTERISK) at character 5, which AWS does not allow in tags"),
        Arguments.of("policy descriptions have at most 512 characters", organizationWith("    plans: [Daily]",
                "    description: " + "d".repeat(513) + "\n    plans: [Daily]"),
            F + "39:18: error[BC264]: the description is 513 characters; AWS Organizations allows 512 for a policy description"),
        Arguments.of("ARN patterns are printable ASCII", organizationWith("resource_types: [RDS]", "resource_types: [\"arn:aws:s3:::a b\"]"),
            F + "36:26: error[BC265]: the ARN \"arn:aws:s3:::a b\" has U+0020 (SPACE) at character 15; ARNs are printable ASCII without spaces"),
        Arguments.of("classification tag values", Catalogues.ORGANIZATION
                + "data_classification:\n  tag_key: dc\n  values:\n    \"crit|cal\": [Daily]\n",
            F + "44:5: error[BC262]: the tag value \"crit|cal\" has U+007C (VERTICAL LINE) at character 5, which AWS does not allow in tags"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachRuleReportsItsExactMessageAndPosition(String rule, String yaml, String expected) {
    assertThat(headlines(yaml)).contains(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void whatAwsAcceptsIsAccepted(String tags) {
    // The base catalogue's warnings (BC305, RDS copies need shared keys; BC375, no state) are not about tags.
    assertThat(headlines(withTags(tags))).allMatch(h -> h.contains("warning[BC305]") || h.contains("warning[BC375]"));
  }

  static Stream<String> accepted() {
    return Stream.of("{team: \"\"}", "{\"Kostenstelle/Équipe\": \"Zürich 7 +=.:_/@-\"}", "{\"\u0639\u0631\u0628\u064a\": \"\u65e5\u672c\"}",
        "{" + "k".repeat(128) + ": " + "v".repeat(256) + "}", "{awsome: \"aws-ish\"}");
  }
}
