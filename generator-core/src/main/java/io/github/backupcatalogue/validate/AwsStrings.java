package io.github.backupcatalogue.validate;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.Conditions;
import io.github.backupcatalogue.catalogue.Plan;
import io.github.backupcatalogue.catalogue.Policy;
import io.github.backupcatalogue.catalogue.Rule;
import io.github.backupcatalogue.catalogue.Selection;
import io.github.backupcatalogue.catalogue.Vault;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.Position;
import io.github.backupcatalogue.diagnostics.Severity;
import io.github.backupcatalogue.load.InputText;
import io.github.backupcatalogue.load.SourceMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * AWS's own rules for the free-form strings of a catalogue that reach AWS: tags, policy
 * descriptions and ARNs, grouped by concern, each rule's code, message and hint together. Names and
 * ids have their patterns in {@link CatalogueValidator}; characters no string may have (lone
 * surrogates, control characters, text not in NFC) and the length bound of every key and value are
 * checked before binding, by {@code load.InputText}.
 *
 * <p>Sources:
 * <ul>
 *   <li>Tags: "Tag restrictions", e.g. https://docs.aws.amazon.com/sdkfornet/v3/apidocs/items/ECS/TTag.html and
 *       https://docs.amazonaws.cn/en_us/batch/latest/userguide/tag-restrictions.html (the common text of
 *       AWS's tagging guide): at most 50 tags per resource, keys 1-128 and values 0-256 Unicode
 *       characters, letters, numbers, spaces and {@code + - = . _ : / @}, and no {@code aws:} prefix
 *       in any case combination for keys or values.</li>
 *   <li>Policy descriptions: AWS Organizations CreatePolicy,
 *       https://docs.aws.amazon.com/goto/WebAPI/organizations-2016-11-28/CreatePolicy: Description at
 *       most 512 characters.</li>
 *   <li>ARNs: at most 2,048 characters (the IAM and AWS Backup ARN types), printable ASCII.</li>
 * </ul>
 */
public final class AwsStrings {

  /** Longest tag key, in Unicode characters. */
  public static final int TAG_KEY_MAX = 128;
  /** Longest tag value, in Unicode characters. */
  public static final int TAG_VALUE_MAX = 256;
  /** Most user tags on one resource. */
  public static final int TAGS_PER_RESOURCE_MAX = 50;
  /** Longest description of an Organizations policy. */
  public static final int POLICY_DESCRIPTION_MAX = 512;
  /** Longest ARN. */
  public static final int ARN_MAX = 2_048;
  /** The tag the generator adds to every resource (see the providers template). */
  static final String MANAGED_BY = "managed-by";

  /** {@code [\p{L}\p{Z}\p{N}_.:/=+\-@]}: the characters AWS allows in tag keys and values. */
  private static final IntPredicate TAG_CHARACTER = cp -> Character.isLetter(cp) || Character.isDigit(cp)
      || Character.getType(cp) == Character.LETTER_NUMBER || Character.getType(cp) == Character.OTHER_NUMBER
      || Character.isSpaceChar(cp) || "_.:/=+-@".indexOf(cp) >= 0;
  /** Tag conditions with {@code like} match {@code *} wildcards as well. */
  private static final IntPredicate TAG_PATTERN_CHARACTER = cp -> TAG_CHARACTER.test(cp) || cp == '*';

  private final SourceMap sourceMap;
  private final List<Diagnostic> problems = new ArrayList<>();

  private AwsStrings(SourceMap sourceMap) {
    this.sourceMap = sourceMap;
  }

  /** Every problem of the catalogue's tags, descriptions and ARNs. */
  public static List<Diagnostic> check(Catalogue c, SourceMap sourceMap) {
    AwsStrings rules = new AwsStrings(sourceMap);
    rules.checkAll(c);
    return List.copyOf(rules.problems);
  }

  private void checkAll(Catalogue c) {
    Map<String, String> defaults = c.deployment().tags();
    tags(defaults, ptr("deployment", "tags"), Set.of(MANAGED_BY));
    c.vaults().forEach((name, vault) -> checkVault(defaults, vault, ptr("vaults", name)));
    c.plans().forEach((name, plan) -> checkPlan(defaults, plan, ptr("plans", name)));
    c.policies().forEach((name, policy) -> checkPolicy(policy, ptr("policies", name)));
    if (c.backupRole().permissionsBoundary() != null) {
      arn(c.backupRole().permissionsBoundary(), ptr("backup_role", "permissions_boundary"));
    }
    if (c.dataClassification() != null) {
      JsonPointer p = ptr("data_classification");
      tagKey(c.dataClassification().tagKey(), sourceMap.value(p.appendProperty("tag_key")), TAG_CHARACTER);
      c.dataClassification().values().keySet().forEach(value ->
          tagValue(value, sourceMap.key(p.appendProperty("values").appendProperty(value)), TAG_CHARACTER));
    }
  }

  private void checkVault(Map<String, String> defaults, Vault vault, JsonPointer p) {
    tags(vault.tags(), p.appendProperty("tags"), withDefaults(defaults));
  }

  private void checkPlan(Map<String, String> defaults, Plan plan, JsonPointer p) {
    tags(plan.tags(), p.appendProperty("tags"), withDefaults(defaults));
    plan.rules().forEach((name, rule) -> checkRule(rule, p.appendProperty("rules").appendProperty(name)));
    plan.selections().forEach((name, selection) -> checkSelection(selection, p.appendProperty("selections").appendProperty(name)));
  }

  private void checkRule(Rule rule, JsonPointer p) {
    tags(rule.recoveryPointTags(), p.appendProperty("recovery_point_tags"), Set.of());
  }

  private void checkSelection(Selection selection, JsonPointer p) {
    if (selection.tag() != null) {
      JsonPointer t = p.appendProperty("tag");
      tagKey(selection.tag().key(), sourceMap.value(t.appendProperty("key")), TAG_CHARACTER);
      if (selection.tag().value() != null) {
        tagValue(selection.tag().value(), sourceMap.value(t.appendProperty("value")), TAG_CHARACTER);
      }
      for (int i = 0; i < selection.tag().values().size(); i++) {
        tagValue(selection.tag().values().get(i), sourceMap.value(t.appendProperty("values").appendIndex(i)), TAG_CHARACTER);
      }
    }
    Conditions conditions = selection.conditions();
    JsonPointer cp = p.appendProperty("conditions");
    conditionTags(conditions.tagEquals(), cp.appendProperty("tag_equals"), TAG_CHARACTER);
    conditionTags(conditions.tagNotEquals(), cp.appendProperty("tag_not_equals"), TAG_CHARACTER);
    conditionTags(conditions.tagLike(), cp.appendProperty("tag_like"), TAG_PATTERN_CHARACTER);
    conditionTags(conditions.tagNotLike(), cp.appendProperty("tag_not_like"), TAG_PATTERN_CHARACTER);
    arns(selection.resourceTypes(), p.appendProperty("resource_types"));
    arns(selection.excludeResources(), p.appendProperty("exclude_resources"));
  }

  private void checkPolicy(Policy policy, JsonPointer p) {
    String description = policy.description();
    if (description != null && description.codePointCount(0, description.length()) > POLICY_DESCRIPTION_MAX) {
      error("BC264", sourceMap.value(p.appendProperty("description")), "the description is "
          + description.codePointCount(0, description.length()) + " characters; AWS Organizations allows "
          + POLICY_DESCRIPTION_MAX + " for a policy description", "shorten it; the catalogue itself can hold longer comments");
    }
  }

  // ---------------------------------------------------------------- tags (BC261-BC263)

  private void tags(Map<String, String> tags, JsonPointer p, Set<String> inherited) {
    tags.forEach((key, value) -> {
      JsonPointer at = p.appendProperty(key);
      tagKey(key, sourceMap.key(at), TAG_CHARACTER);
      tagValue(value, sourceMap.value(at), TAG_CHARACTER);
    });
    Set<String> all = new LinkedHashSet<>(inherited);
    all.addAll(tags.keySet());
    if (!tags.isEmpty() && all.size() > TAGS_PER_RESOURCE_MAX) {
      error("BC263", sourceMap.key(p), all.size() + " tags on one resource" + (inherited.isEmpty() ? ""
          : inherited.size() == 1 ? " (with the generator's '" + MANAGED_BY + "')"
          : " (with deployment.tags and '" + MANAGED_BY + "')") + "; AWS allows " + TAGS_PER_RESOURCE_MAX,
          "remove some; tags that only describe the catalogue can go in a comment");
    }
  }

  private void conditionTags(Map<String, String> tags, JsonPointer p, IntPredicate allowed) {
    tags.forEach((key, value) -> {
      JsonPointer at = p.appendProperty(key);
      tagKey(key, sourceMap.key(at), TAG_CHARACTER);
      tagValue(value, sourceMap.value(at), allowed);
    });
  }

  private void tagKey(String key, Position at, IntPredicate allowed) {
    if (key.isEmpty()) {
      error("BC261", at, "a tag key cannot be empty", "name the tag, e.g. team");
      return;
    }
    tagText(key, "tag key", TAG_KEY_MAX, at, allowed, "BC261");
  }

  private void tagValue(String value, Position at, IntPredicate allowed) {
    tagText(value, "tag value", TAG_VALUE_MAX, at, allowed, "BC262");
  }

  private void tagText(String text, String what, int max, Position at, IntPredicate allowed, String code) {
    int length = text.codePointCount(0, text.length());
    if (length > max) {
      error(code, at, "the " + what + " is " + length + " characters; AWS allows " + max, "shorten it");
      return;
    }
    for (int i = 0, index = 1; i < text.length(); index++) {
      int cp = text.codePointAt(i);
      if (!allowed.test(cp)) {
        error(code, at, "the " + what + " " + shown(text) + " has " + InputText.describe(cp) + " at character " + index
            + ", which AWS does not allow in tags", "tags may have letters, digits, spaces and _ . : / = + - @"
            + (allowed == TAG_PATTERN_CHARACTER ? " (and * in tag_like and tag_not_like)" : ""));
        return;
      }
      i += Character.charCount(cp);
    }
    if (text.toLowerCase(Locale.ROOT).startsWith("aws:")) {
      error(code, at, "the " + what + " " + shown(text) + " starts with 'aws:', which AWS reserves for its own tags",
          "use another prefix, e.g. your organization's name");
    }
  }

  // ---------------------------------------------------------------- ARNs (BC265)

  private void arns(List<String> values, JsonPointer p) {
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).startsWith("arn:")) {
        arn(values.get(i), p.appendIndex(i));
      }
    }
  }

  private void arn(String arn, JsonPointer p) {
    if (arn.length() > ARN_MAX) {
      error("BC265", sourceMap.value(p), "the ARN is " + arn.length() + " characters; AWS allows " + ARN_MAX, null);
      return;
    }
    for (int i = 0; i < arn.length(); i++) {
      char ch = arn.charAt(i);
      if (ch <= 0x20 || ch >= 0x7F) {
        error("BC265", sourceMap.value(p), "the ARN " + shown(arn) + " has " + InputText.describe(arn.codePointAt(i))
            + " at character " + (arn.codePointCount(0, i) + 1) + "; ARNs are printable ASCII without spaces",
            "copy the ARN from the AWS console or CLI");
        return;
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private static Set<String> withDefaults(Map<String, String> defaults) {
    Set<String> keys = new LinkedHashSet<>(defaults.keySet());
    keys.add(MANAGED_BY);
    return keys;
  }

  /** The value for a message, double-quoted as YAML would write it, one line, shortened when long. */
  private static String shown(String text) {
    return "\"" + InputText.printable(text) + "\"";
  }

  private static JsonPointer ptr(String... parts) {
    JsonPointer p = JsonPointer.empty();
    for (String part : parts) {
      p = p.appendProperty(part);
    }
    return p;
  }

  private void error(String code, Position at, String message, String hint) {
    problems.add(new Diagnostic(Severity.ERROR, code, at, message, hint));
  }
}
