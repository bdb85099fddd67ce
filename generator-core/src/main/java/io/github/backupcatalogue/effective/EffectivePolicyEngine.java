package io.github.backupcatalogue.effective;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The effective policy of an account from the management policies that reach it, as AWS
 * Organizations computes it ("Understanding management policy inheritance", "Inheritance
 * operators", "Child control operators" in the Organizations user guide):
 *
 * <ul>
 *   <li>Policies are applied level by level, from the root down through every OU on the path to
 *       the account, then the account's own. Each level is a list of the policies attached to
 *       that node, in the order they were attached.
 *   <li>{@code @@assign} overwrites the inherited value (or adds it); {@code @@append} adds values
 *       to an inherited list (or adds the list); {@code @@remove} removes values from an inherited
 *       list, if they exist. {@code @@append} and {@code @@remove} take lists only. A list that
 *       {@code @@remove} empties leaves the effective policy ("removes the specified inherited
 *       settings from the effective policy").
 *   <li>A key the inherited policy does not have is added (with {@code @@assign} or
 *       {@code @@append} inside it).
 *   <li>{@code @@operators_allowed_for_child_policies} restricts what policies at lower levels may
 *       do <em>at the node where it is written</em>: on a value, which operators may change it; on
 *       an object, whether keys may be added under it ({@code @@append} or {@code @@assign}
 *       allowed). It is not inherited by the keys below (AWS's examples write it at every node to
 *       lock a whole plan). {@code @@all} (the default) allows everything, {@code @@none} nothing.
 *       Restrictions only narrow: a child policy cannot widen what a parent restricted.
 *   <li>Policies attached to the same node: their child control operators intersect, and where
 *       two assign the same value the first attached wins.
 * </ul>
 *
 * <p>A change that is not allowed is ignored, as AWS does, and reported as a {@link Finding}.
 * Pure: no I/O, inputs are not modified.
 */
public final class EffectivePolicyEngine {

  public static final String ASSIGN = "@@assign";
  public static final String APPEND = "@@append";
  public static final String REMOVE = "@@remove";
  public static final String CHILD_CONTROL = "@@operators_allowed_for_child_policies";
  public static final String ALL = "@@all";
  public static final String NONE = "@@none";

  private static final Set<String> VALUE_OPERATORS = Set.of(ASSIGN, APPEND, REMOVE);

  private final List<Finding> findings = new ArrayList<>();
  private final KeyNames keyNames;
  private int level;

  private EffectivePolicyEngine(KeyNames keyNames) {
    this.keyNames = keyNames;
  }

  /** The effective policy of a chain where every policy is attached at its own level, top first. */
  public static EffectiveResult chain(List<PolicyDocument> topFirst) {
    List<List<PolicyDocument>> levels = new ArrayList<>();
    topFirst.forEach(policy -> levels.add(List.of(policy)));
    return levels(levels);
  }

  /** As {@link #levels(List, KeyNames)}, with the key names of the policy type the first policy has. */
  public static EffectiveResult levels(List<List<PolicyDocument>> levels) {
    JsonNode first = levels.stream().flatMap(List::stream).findFirst().map(PolicyDocument::content).orElse(null);
    return levels(levels, KeyNames.detect(first));
  }

  /**
   * The effective policy from the policies of each level, top (root) first; within a level, in
   * the order they were attached.
   */
  public static EffectiveResult levels(List<List<PolicyDocument>> levels, KeyNames keyNames) {
    return new EffectivePolicyEngine(keyNames).compute(levels);
  }

  private EffectiveResult compute(List<List<PolicyDocument>> levels) {
    Node root = new Node();
    for (level = 0; level < levels.size(); level++) {
      for (PolicyDocument policy : levels.get(level)) {
        if (!policy.content().isObject()) {
          findings.add(new Finding(policy.name(), "", null, null, "the policy is not a JSON object; it is ignored"));
          continue;
        }
        apply(root, policy.content(), policy.name(), "", List.of());
      }
      root.commit();
    }
    SortedMap<String, String> setBy = new TreeMap<>();
    JsonNode rendered = root.render("", setBy);
    ObjectNode effective = rendered instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
    return new EffectiveResult(effective, findings, setBy);
  }

  private void apply(Node state, JsonNode node, String policy, String path, List<String> parents) {
    List<String> keys = new ArrayList<>();
    List<String> operators = new ArrayList<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (name.equals(CHILD_CONTROL)) {
        restrict(state, node.get(name), policy, path);
      } else if (VALUE_OPERATORS.contains(name)) {
        operators.add(name);
      } else if (name.startsWith("@@")) {
        findings.add(new Finding(policy, path, name, null, "'" + name + "' is not an inheritance operator; it is ignored"));
      } else {
        keys.add(name);
      }
    }
    if (!operators.isEmpty()) {
      if (!keys.isEmpty()) {
        findings.add(new Finding(policy, path, operators.get(0), null, "a node with a value-setting operator cannot also hold keys ("
            + String.join(", ", keys) + "); the keys are ignored"));
      }
      for (String operator : operators) {
        setValue(state, operator, node.get(operator), policy, path);
      }
      return;
    }
    for (String written : keys) {
      String key = keyNames.normalize(parents, written);
      String childPath = path + "/" + written.replace("~", "~0").replace("/", "~1");
      JsonNode childNode = node.get(written);
      if (!childNode.isObject()) {
        findings.add(new Finding(policy, childPath, null, null,
            "a value must be written under @@assign, @@append or @@remove; it is ignored"));
        continue;
      }
      Node child = state.children.get(key);
      if (child == null) {
        if (state.value != null) {
          findings.add(new Finding(policy, childPath, null, null,
              "the inherited setting at " + (path.isEmpty() ? "/" : path) + " is a value, not an object; the key is ignored"));
          continue;
        }
        if (!state.allows(APPEND) && !state.allows(ASSIGN)) {
          findings.add(new Finding(policy, childPath, APPEND, state.restrictors(),
              "adding '" + key + "' is not allowed: " + state.describeRestriction()));
          continue;
        }
        child = new Node();
        state.children.put(key, child);
      }
      List<String> childParents = new ArrayList<>(parents);
      childParents.add(key);
      apply(child, childNode, policy, childPath, childParents);
    }
  }

  private void setValue(Node state, String operator, JsonNode value, String policy, String path) {
    if (!state.allows(operator)) {
      findings.add(new Finding(policy, path, operator, state.restrictors(),
          operator + " is not allowed here: " + state.describeRestriction()));
      return;
    }
    if (!state.children.isEmpty() && state.hasValueBelow()) {
      findings.add(new Finding(policy, path, operator, null,
          "the inherited setting is an object of keys, not a value; " + operator + " is ignored"));
      return;
    }
    switch (operator) {
      case ASSIGN -> {
        if (state.assignedAtLevel == level && !policy.equals(state.setBy)) {
          findings.add(new Finding(policy, path, ASSIGN, null, "policy '" + state.setBy
              + "', attached at the same level before it, already assigns this value; the first attached wins"));
          return;
        }
        state.value = value.deepCopy();
        state.assignedAtLevel = level;
        state.setBy = policy;
      }
      case APPEND -> {
        if (!value.isArray()) {
          findings.add(new Finding(policy, path, APPEND, null, "@@append takes a list of values; it is ignored"));
          return;
        }
        if (state.value == null) {
          state.value = distinct((ArrayNode) value, JsonNodeFactory.instance.arrayNode());
        } else if (state.value.isArray()) {
          state.value = distinct((ArrayNode) value, ((ArrayNode) state.value).deepCopy());
        } else {
          findings.add(new Finding(policy, path, APPEND, null, "the inherited setting holds one value, not a list; @@append is ignored"));
          return;
        }
        state.setBy = policy;
      }
      default -> {
        if (!value.isArray()) {
          findings.add(new Finding(policy, path, REMOVE, null, "@@remove takes a list of values; it is ignored"));
          return;
        }
        if (state.value == null) {
          return;
        }
        if (!state.value.isArray()) {
          findings.add(new Finding(policy, path, REMOVE, null, "the inherited setting holds one value, not a list; @@remove is ignored"));
          return;
        }
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        for (JsonNode element : state.value) {
          if (!contains((ArrayNode) value, element)) {
            kept.add(element);
          }
        }
        state.value = kept.isEmpty() ? null : kept;
        state.setBy = policy;
      }
    }
  }

  private void restrict(Node state, JsonNode operators, String policy, String path) {
    String where = path + "/" + CHILD_CONTROL;
    if (!operators.isArray() || operators.isEmpty()) {
      findings.add(new Finding(policy, where, null, null, CHILD_CONTROL + " takes a list such as [\"@@append\"]; it is ignored"));
      return;
    }
    Set<String> allowed = new LinkedHashSet<>();
    boolean all = false;
    for (JsonNode operator : operators) {
      String text = operator.asText();
      if (!operator.isTextual() || !(text.equals(ALL) || text.equals(NONE) || VALUE_OPERATORS.contains(text))) {
        findings.add(new Finding(policy, where, null, null, "'" + operator + "' is not @@all, @@none, @@assign, @@append or @@remove; it is ignored"));
      } else if (text.equals(ALL)) {
        all = true;
      } else if (!text.equals(NONE)) {
        allowed.add(text);
      }
    }
    state.restrictPending(all ? null : allowed, policy);
  }

  private static ArrayNode distinct(ArrayNode add, ArrayNode into) {
    for (JsonNode element : add) {
      if (!contains(into, element)) {
        into.add(element.deepCopy());
      }
    }
    return into;
  }

  private static boolean contains(ArrayNode array, JsonNode element) {
    for (JsonNode present : array) {
      if (present.equals(element)) {
        return true;
      }
    }
    return false;
  }

  /** One setting of the effective policy while it is built. */
  private static final class Node {
    final Map<String, Node> children = new LinkedHashMap<>();
    JsonNode value;
    String setBy;
    int assignedAtLevel = -1;
    /** Operators lower levels may use here; null: all. */
    Set<String> allowed;
    List<String> restrictedBy = List.of();
    boolean pending;
    Set<String> pendingAllowed;
    List<String> pendingBy;

    boolean allows(String operator) {
      return allowed == null || allowed.contains(operator);
    }

    String describeRestriction() {
      String who = restrictedBy.size() == 1
          ? "policy '" + restrictedBy.get(0) + "' allows"
          : "policies '" + String.join("' and '", restrictedBy) + "' together allow";
      return allowed.isEmpty()
          ? who + " child policies no change here (@@none)"
          : who + " child policies only " + String.join(", ", allowed) + " here";
    }

    String restrictors() {
      return String.join(", ", restrictedBy);
    }

    void restrictPending(Set<String> operators, String policy) {
      if (!pending) {
        pending = true;
        pendingAllowed = operators;
        pendingBy = List.of(policy);
      } else if (operators != null) {
        if (pendingAllowed == null) {
          pendingAllowed = operators;
          pendingBy = List.of(policy);
        } else {
          pendingAllowed = new LinkedHashSet<>(pendingAllowed);
          pendingAllowed.retainAll(operators);
          if (!pendingBy.contains(policy)) {
            List<String> by = new ArrayList<>(pendingBy);
            by.add(policy);
            pendingBy = by;
          }
        }
      }
    }

    /** The end of a level: its restrictions apply to the levels below. */
    void commit() {
      if (pending && pendingAllowed != null) {
        if (allowed == null) {
          allowed = new LinkedHashSet<>(pendingAllowed);
          restrictedBy = pendingBy;
        } else {
          allowed.retainAll(pendingAllowed);
          List<String> by = new ArrayList<>(restrictedBy);
          pendingBy.stream().filter(p -> !by.contains(p)).forEach(by::add);
          restrictedBy = by;
        }
      }
      pending = false;
      pendingAllowed = null;
      pendingBy = null;
      children.values().forEach(Node::commit);
    }

    boolean hasValueBelow() {
      return children.values().stream().anyMatch(c -> c.value != null || c.hasValueBelow());
    }

    JsonNode render(String path, SortedMap<String, String> setBy) {
      if (value != null) {
        setBy.put(path, this.setBy);
        return value.deepCopy();
      }
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      children.forEach((key, child) -> {
        JsonNode rendered = child.render(path + "/" + key.replace("~", "~0").replace("/", "~1"), setBy);
        if (rendered != null) {
          object.set(key, rendered);
        }
      });
      return object.isEmpty() && !path.isEmpty() ? null : object;
    }
  }
}
