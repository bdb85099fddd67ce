package io.github.backupcatalogue.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.backupcatalogue.plan.ModuleSummaries;
import io.github.backupcatalogue.write.PreviousOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a catalogue change does, module by module: the files added, changed and removed (against the
 * manifest of the previous output, i.e. the committed output), and in words what changed for each
 * account, compared as data: each module's {@value ModuleSummaries#FILE} before and after (plans
 * gained or lost, regions, schedules, retention, cold storage, copy targets, vaults, locks, who may
 * copy in, backup policies, where the state lives). This is the compliance reviewer's view of a
 * catalogue pull request, for the build log and for {@code catalogue-changes.md}.
 *
 * <p>Feed it every file the run produces ({@link #produced}); then {@link #finish} it.
 */
public final class ChangeReport {

  /** The file a pipeline posts on the pull request. */
  public static final String FILE = "catalogue-changes.md";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ROOT = "(output root)";

  private final SortedMap<String, String> previousFiles;
  private final SortedSet<String> modules = new TreeSet<>();
  private final Map<String, String> produced = new TreeMap<>();
  private final Map<String, JsonNode> summaries = new TreeMap<>();
  private Map<String, JsonNode> previousSummaries = Map.of();
  private List<String> stubbed = List.of();
  private List<String> removedModules = List.of();
  private final Map<String, List<String>> lines = new LinkedHashMap<>();

  public ChangeReport(PreviousOutput previous) {
    this.previousFiles = previous.files();
    modules.addAll(Removals.modules(previousFiles.keySet()));
  }

  /** The report of a run that found the output up to date: every file as it was, nothing read. */
  public static ChangeReport none(PreviousOutput previous) {
    ChangeReport report = new ChangeReport(previous);
    report.produced.putAll(report.previousFiles);
    return report.finish(new Removals.Outcome(List.of(), new TreeMap<>(), List.of(), List.of(), List.of(), Map.of(), List.of()));
  }

  /** One file the run produces, with its content. */
  public void produced(String path, String content) {
    produced.put(path, PreviousOutput.hash(content));
    if (path.endsWith("/versions.tf")) {
      modules.add(path.substring(0, path.length() - "/versions.tf".length()));
    }
    if (path.endsWith("/" + ModuleSummaries.FILE)) {
      try {
        summaries.put(path.substring(0, path.length() - ModuleSummaries.FILE.length() - 1), MAPPER.readTree(content));
      } catch (IOException e) {
        throw new IllegalStateException("the generator wrote a summary it cannot read: " + path, e);
      }
    }
  }

  /** Compares; call once, after every file was {@link #produced}. */
  public ChangeReport finish(Removals.Outcome removals) {
    previousSummaries = removals.previousSummaries();
    stubbed = removals.stubbed();
    removedModules = removals.removed();
    Map<String, List<String>> added = new TreeMap<>();
    Map<String, List<String>> changed = new TreeMap<>();
    Map<String, List<String>> removed = new TreeMap<>();
    produced.forEach((path, hash) -> {
      if (!previousFiles.containsKey(path)) {
        added.computeIfAbsent(moduleOf(path), m -> new ArrayList<>()).add(fileName(path));
      } else if (!Objects.equals(hash, previousFiles.get(path)) || hash == null) {
        changed.computeIfAbsent(moduleOf(path), m -> new ArrayList<>()).add(fileName(path));
      }
    });
    previousFiles.keySet().stream().filter(p -> !produced.containsKey(p))
        .forEach(p -> removed.computeIfAbsent(moduleOf(p), m -> new ArrayList<>()).add(fileName(p)));
    SortedSet<String> touched = new TreeSet<>();
    touched.addAll(added.keySet());
    touched.addAll(changed.keySet());
    touched.addAll(removed.keySet());
    for (String module : touched) {
      List<String> out = new ArrayList<>();
      List<String> files = new ArrayList<>();
      if (added.containsKey(module)) {
        files.add(added.get(module).size() + " added (" + String.join(", ", added.get(module)) + ")");
      }
      if (changed.containsKey(module)) {
        files.add(changed.get(module).size() + " changed (" + String.join(", ", changed.get(module)) + ")");
      }
      if (removed.containsKey(module)) {
        files.add(removed.get(module).size() + " removed (" + String.join(", ", removed.get(module)) + ")");
      }
      out.add("files: " + String.join(", ", files));
      if (!module.equals(ROOT)) {
        out.addAll(meaning(module));
      }
      lines.put(module, out);
    }
    return this;
  }

  private String moduleOf(String path) {
    String best = ROOT;
    for (String module : modules) {
      if (path.startsWith(module + "/") && (best.equals(ROOT) || module.length() > best.length())) {
        best = module;
      }
    }
    return best;
  }

  private String fileName(String path) {
    String module = moduleOf(path);
    return module.equals(ROOT) ? path : path.substring(module.length() + 1);
  }

  /** The module's changes in words, from its summaries before and after. */
  private List<String> meaning(String module) {
    List<String> out = new ArrayList<>();
    JsonNode before = previousSummaries.get(module);
    JsonNode after = summaries.get(module);
    if (removedModules.contains(module)) {
      out.add("decommission stub removed (removeStubs): the module's files are gone; its state is left as the stub's "
          + "last apply made it");
      return out;
    }
    if (after == null) {
      out.add("module removed");
      return out;
    }
    if (stubbed.contains(module)) {
      out.add("account " + after.path("account_name").asText() + " (" + after.path("account_id").asText()
          + ") decommissioned: " + after.path("reason").asText());
      List<String> kept = new ArrayList<>();
      after.path("kept_on_decommission").forEach(a -> kept.add(a.asText()));
      out.add(kept.isEmpty() ? "nothing to keep (no vaults, keys or locks)"
          : "kept, not destroyed (Terraform forgets them; the recovery points stay): " + String.join(", ", kept));
      for (String plan : Removals.names(before == null ? MAPPER.createObjectNode() : before.path("plans"))) {
        out.add("plan " + plan + " lost: the account is no longer backed up by it");
      }
      out.add("the next apply destroys the rest of the module (backup role, Region settings, grants)");
      return out;
    }
    if (before == null) {
      out.add("new module for account " + after.path("account_name").asText() + " (" + after.path("account_id").asText() + ")");
      for (String plan : Removals.names(after.path("plans"))) {
        out.add("plan " + plan + " gained: " + describePlan(after.path("plans").path(plan)));
      }
      after.path("vaults").fields().forEachRemaining(v -> out.add("vault " + v.getKey() + " added: " + describeVault(v.getValue())));
      for (String policy : Removals.names(after.path("policies"))) {
        out.add("backup policy " + policy + " added: " + describePolicy(after.path("policies").path(policy)));
      }
      return out;
    }
    change(out, "account id", before.path("account_id"), after.path("account_id"));
    change(out, "state", before.path("state"), after.path("state"));
    compareMaps(out, "plan", before.path("plans"), after.path("plans"), this::describePlan, (name, b, a) -> comparePlan(out, name, b, a));
    compareMaps(out, "vault", before.path("vaults"), after.path("vaults"), this::describeVault, (name, b, a) -> compareVault(out, name, b, a));
    compareMaps(out, "backup policy", before.path("policies"), after.path("policies"), this::describePolicy, (name, b, a) -> {
      listChange(out, "backup policy " + name + ": plans", b.path("plans"), a.path("plans"));
      listChange(out, "backup policy " + name + ": attached to", b.path("attached_to"), a.path("attached_to"));
    });
    return out;
  }

  private interface Describer {
    String describe(JsonNode node);
  }

  private interface Comparer {
    void compare(String name, JsonNode before, JsonNode after);
  }

  private static void compareMaps(List<String> out, String kind, JsonNode before, JsonNode after, Describer describer, Comparer comparer) {
    SortedSet<String> names = new TreeSet<>(Removals.names(before));
    names.addAll(Removals.names(after));
    for (String name : names) {
      boolean was = before.has(name);
      boolean is = after.has(name);
      if (was && !is) {
        out.add(kind + " " + name + " lost (was: " + describer.describe(before.get(name)) + ")");
      } else if (!was) {
        out.add(kind + " " + name + " gained: " + describer.describe(after.get(name)));
      } else if (!before.get(name).equals(after.get(name))) {
        comparer.compare(name, before.get(name), after.get(name));
      }
    }
  }

  private void comparePlan(List<String> out, String plan, JsonNode before, JsonNode after) {
    listChange(out, "plan " + plan + ": regions", before.path("regions"), after.path("regions"));
    compareMaps(out, "plan " + plan + ": rule", before.path("rules"), after.path("rules"), this::describeRule, (rule, b, a) -> {
      String prefix = "plan " + plan + ", rule " + rule + ": ";
      change(out, prefix + "schedule", b.path("schedule"), a.path("schedule"));
      change(out, prefix + "time zone", b.path("timezone"), a.path("timezone"));
      change(out, prefix + "vault", b.path("vault"), a.path("vault"));
      change(out, prefix + "continuous backup", b.path("continuous_backup"), a.path("continuous_backup"));
      lifecycleChange(out, prefix, b, a);
      Map<String, JsonNode> copiesBefore = copies(b);
      Map<String, JsonNode> copiesAfter = copies(a);
      SortedSet<String> targets = new TreeSet<>(copiesBefore.keySet());
      targets.addAll(copiesAfter.keySet());
      for (String to : targets) {
        if (!copiesAfter.containsKey(to)) {
          out.add(prefix + "copy to " + to + " removed");
        } else if (!copiesBefore.containsKey(to)) {
          out.add(prefix + "copy to " + to + " added (" + retention(copiesAfter.get(to)) + ")");
        } else {
          lifecycleChange(out, prefix + "copy to " + to + ": ", copiesBefore.get(to), copiesAfter.get(to));
        }
      }
    });
  }

  private static Map<String, JsonNode> copies(JsonNode rule) {
    Map<String, JsonNode> copies = new TreeMap<>();
    rule.path("copies").forEach(c -> copies.put(c.path("to").asText(), c));
    return copies;
  }

  private static void lifecycleChange(List<String> out, String prefix, JsonNode before, JsonNode after) {
    change(out, prefix + "retention (days until deletion)", before.path("delete_after_days"), after.path("delete_after_days"));
    change(out, prefix + "cold storage after (days)", before.path("cold_storage_after_days"), after.path("cold_storage_after_days"));
    change(out, prefix + "archive tier", before.path("archive"), after.path("archive"));
  }

  private static void compareVault(List<String> out, String vault, JsonNode before, JsonNode after) {
    change(out, "vault " + vault + ": key", before.path("key"), after.path("key"));
    JsonNode lockBefore = before.path("lock");
    JsonNode lockAfter = after.path("lock");
    if (!lockBefore.equals(lockAfter)) {
      out.add("vault " + vault + ": lock " + lock(lockBefore) + " -> " + lock(lockAfter));
    }
    listChange(out, "vault " + vault + ": may copy in", before.path("may_copy_in"), after.path("may_copy_in"));
  }

  private static void change(List<String> out, String what, JsonNode before, JsonNode after) {
    if (!Objects.equals(before, after)) {
      out.add(what + ": " + value(before) + " -> " + value(after));
    }
  }

  private static void listChange(List<String> out, String what, JsonNode before, JsonNode after) {
    List<String> was = new ArrayList<>();
    before.forEach(n -> was.add(n.asText()));
    List<String> is = new ArrayList<>();
    after.forEach(n -> is.add(n.asText()));
    List<String> gained = is.stream().filter(s -> !was.contains(s)).toList();
    List<String> lost = was.stream().filter(s -> !is.contains(s)).toList();
    if (!gained.isEmpty()) {
      out.add(what + " gained " + String.join(", ", gained));
    }
    if (!lost.isEmpty()) {
      out.add(what + " lost " + String.join(", ", lost));
    }
  }

  private static String value(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() ? "none" : node.asText();
  }

  private String describePlan(JsonNode plan) {
    List<String> rules = new ArrayList<>();
    plan.path("rules").fields().forEachRemaining(r -> rules.add("rule " + r.getKey() + " " + describeRule(r.getValue())));
    List<String> regions = new ArrayList<>();
    plan.path("regions").forEach(r -> regions.add(r.asText()));
    return "in " + String.join(", ", regions) + "; " + String.join("; ", rules);
  }

  private String describeRule(JsonNode rule) {
    StringBuilder text = new StringBuilder(rule.path("schedule").asText()).append(' ').append(rule.path("timezone").asText())
        .append(" into ").append(rule.path("vault").asText()).append(", ").append(retention(rule));
    rule.path("copies").forEach(c -> text.append(", copy to ").append(c.path("to").asText()).append(" (").append(retention(c)).append(')'));
    return text.toString();
  }

  private static String retention(JsonNode lifecycle) {
    String text = "kept " + value(lifecycle.path("delete_after_days")) + " days";
    if (!lifecycle.path("cold_storage_after_days").isNull() && !lifecycle.path("cold_storage_after_days").isMissingNode()) {
      text += ", cold after " + lifecycle.path("cold_storage_after_days").asText() + " days";
    }
    return text;
  }

  private String describeVault(JsonNode vault) {
    List<String> copyIn = new ArrayList<>();
    vault.path("may_copy_in").forEach(a -> copyIn.add(a.asText()));
    return "lock " + lock(vault.path("lock")) + (copyIn.isEmpty() ? "" : ", may copy in: " + String.join(", ", copyIn));
  }

  private static String lock(JsonNode lock) {
    if (lock == null || !lock.isObject()) {
      return "none";
    }
    return lock.path("mode").asText() + " (retention " + value(lock.path("min_retention_days")) + "-"
        + value(lock.path("max_retention_days")) + " days" + (lock.path("changeable_for_days").isNull() ? ""
            : ", changeable for " + lock.path("changeable_for_days").asText() + " days") + ")";
  }

  private String describePolicy(JsonNode policy) {
    List<String> plans = new ArrayList<>();
    policy.path("plans").forEach(p -> plans.add(p.asText()));
    List<String> targets = new ArrayList<>();
    policy.path("attached_to").forEach(t -> targets.add(t.asText()));
    return "plans " + String.join(", ", plans) + ", attached to " + String.join(", ", targets);
  }

  /** The changes, module by module (empty when the output stays as it is). */
  public Map<String, List<String>> modules() {
    return java.util.Collections.unmodifiableMap(lines);
  }

  /** One line per module and change, for the build log. */
  public List<String> logLines() {
    List<String> out = new ArrayList<>();
    if (lines.isEmpty()) {
      out.add("no module changes");
    }
    lines.forEach((module, changes) -> changes.forEach(c -> out.add(module + ": " + c)));
    return out;
  }

  /** The report as Markdown, for the pull request. */
  public String markdown(String outputName) {
    StringBuilder md = new StringBuilder("# Catalogue changes\n\nCompared with the generated output in `").append(outputName)
        .append("` as last generated (its manifest and each module's `").append(ModuleSummaries.FILE).append("`), not with AWS.\n");
    if (lines.isEmpty()) {
      md.append("\nNo module changes: the output stays as it is.\n");
      return md.toString();
    }
    lines.forEach((module, changes) -> {
      JsonNode summary = summaries.getOrDefault(module, previousSummaries.get(module));
      md.append("\n## `").append(module).append('`');
      if (summary != null) {
        md.append(" (account ").append(summary.path("account_name").asText()).append(", ").append(summary.path("account_id").asText()).append(')');
      }
      md.append("\n\n");
      changes.forEach(c -> md.append("- ").append(c).append('\n'));
    });
    return md.toString();
  }
}
