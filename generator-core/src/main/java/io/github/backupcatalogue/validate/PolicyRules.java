package io.github.backupcatalogue.validate;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.Organization;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.load.SourceMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Backup policies: names (BC107), plans and attach_to (BC104), child-policy permissions (BC244),
 * and plans no policy carries (BC304).
 */
final class PolicyRules extends RuleSupport {

  private static final Pattern POLICY_NAME = Pattern.compile("[0-9A-Za-z_.-]{1,128}");
  private static final Set<String> CHILD_POLICY_WORDS = Set.of("none", "all", "override", "append", "remove");

  PolicyRules(SourceMap sourceMap, List<Diagnostic> problems) {
    super(sourceMap, problems);
  }

  void check(Catalogue c, Organization org) {
    c.policies().forEach((name, policy) -> {
      JsonPointer p = ptr("policies", name);
      if (!POLICY_NAME.matcher(name).matches()) {
        error("BC107", sourceMap.key(p), "policy name '" + name + "' is not valid", "use 1-128 letters, digits and _.-");
      }
      for (int i = 0; i < policy.plans().size(); i++) {
        reference(policy.plans().get(i), c.plans().keySet(), "plan", p.appendProperty("plans").appendIndex(i), false);
      }
      var attach = policy.attachTo();
      for (int i = 0; i < attach.organizationalUnits().size(); i++) {
        reference(attach.organizationalUnits().get(i), org.organizationalUnits().keySet(), "organizational unit",
            p.appendProperty("attach_to").appendProperty("organizational_units").appendIndex(i), false);
      }
      for (int i = 0; i < attach.accounts().size(); i++) {
        reference(attach.accounts().get(i), org.accounts().keySet(), "account",
            p.appendProperty("attach_to").appendProperty("accounts").appendIndex(i), false);
      }
      if (!attach.root() && attach.organizationalUnits().isEmpty() && attach.accounts().isEmpty()) {
        error("BC104", sourceMap.key(p.appendProperty("attach_to")), "policy '" + name + "' is attached nowhere",
            "set 'root: true', or list organizational_units or accounts");
      }
      List<String> words = policy.childPolicies();
      for (int i = 0; i < words.size(); i++) {
        if (!CHILD_POLICY_WORDS.contains(words.get(i))) {
          error("BC244", sourceMap.value(p.appendProperty("child_policies").appendIndex(i)), "'" + words.get(i)
              + "' is not a child-policy permission", "write none, all, or a list of override, append, remove");
        }
      }
      if (words.size() > 1 && (words.contains("none") || words.contains("all"))) {
        error("BC244", value("policies", name, "child_policies"), "'none' and 'all' stand alone",
            "write none, all, or a list of override, append, remove");
      }
    });
    Set<String> used = new HashSet<>();
    c.policies().values().forEach(policy -> used.addAll(policy.plans()));
    c.plans().keySet().stream().filter(plan -> !used.contains(plan)).forEach(plan -> warning("BC304",
        sourceMap.key(ptr("plans", plan)), "plan '" + plan + "' is in no policy, so no account receives it",
        "add it to a policy's 'plans', or remove it"));
  }
}
