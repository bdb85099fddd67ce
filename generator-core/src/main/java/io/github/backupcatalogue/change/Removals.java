package io.github.backupcatalogue.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.DecommissionedAccount;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.Position;
import io.github.backupcatalogue.diagnostics.Severity;
import io.github.backupcatalogue.plan.Json;
import io.github.backupcatalogue.plan.Model;
import io.github.backupcatalogue.plan.ModuleSummaries;
import io.github.backupcatalogue.render.RenderException;
import io.github.backupcatalogue.render.TemplateRenderer;
import io.github.backupcatalogue.write.PreviousOutput;
import io.github.backupcatalogue.write.UnsafeOutputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Removal is never silent. A module the previous output has and the catalogue no longer produces
 * (an account left the catalogue, or no longer receives a plan) would leave its state orphaned and
 * its vaults and keys unmanaged, so:
 *
 * <ul>
 *   <li>when nobody said so, the run fails (BC270) listing each such module and what it manages;
 *   <li>when the catalogue lists the account in {@code organization.decommissioned}, or the run's
 *       {@code allowRemoval} names it, the module becomes a <em>decommission stub</em>: its
 *       {@code backend.tf}, {@code versions.tf}, {@code providers.tf} and {@code variables.tf} as they
 *       were (same state, same account), {@code decommission.tf} with a {@code removed} block
 *       ({@code destroy = false}) for each vault, key, lock and vault policy, so that Terraform
 *       forgets them instead of destroying them and the recovery points stay, and a README runbook;
 *   <li>a stub stays as it is on later runs (repeating a run changes nothing), until
 *       {@code removeStubs} names it: then its files are removed (once the stub has been applied:
 *       the runbook says so).
 * </ul>
 *
 * A module is a directory of the previous output with a {@code versions.tf}; what it manages comes
 * from its {@value ModuleSummaries#FILE}. Only files the manifest lists are read or replaced.
 */
public final class Removals {

  /** The files of a live module a stub keeps, as they were: the state and the account stay the same. */
  static final List<String> CARRIED = List.of("versions.tf", "backend.tf", "providers.tf", "variables.tf");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * The outcome.
   *
   * @param problems BC270/BC271 errors: nothing may be written
   * @param stubFiles files of decommission stubs to write (new stubs and stubs kept as they are)
   * @param stubbed modules replaced by a decommission stub in this run
   * @param keptStubs stubs of earlier runs kept as they are
   * @param removed stubs whose files this run removes
   * @param previousSummaries the previous output's module summaries, by module path
   * @param stubs every decommission stub the output will have (new and kept), for apply-order.json
   */
  public record Outcome(List<Diagnostic> problems, SortedMap<String, String> stubFiles, List<String> stubbed,
      List<String> keptStubs, List<String> removed, Map<String, JsonNode> previousSummaries, List<Model.Decommission> stubs) {}

  private Removals() {}

  /** The modules of a previous output: the directories holding a generated versions.tf. */
  static SortedSet<String> modules(Set<String> files) {
    SortedSet<String> modules = new TreeSet<>();
    for (String file : files) {
      if (file.endsWith("/versions.tf")) {
        modules.add(file.substring(0, file.length() - "/versions.tf".length()));
      }
    }
    return modules;
  }

  /**
   * @param options what the run may remove besides what the catalogue decommissions
   * @param at where the BC270 diagnostic points (organization.accounts, or the start)
   */
  public static Outcome decide(PreviousOutput previous, Model.Output output, Catalogue catalogue, RemovalOptions options,
      TemplateRenderer renderer, Position at) throws IOException, RenderException, UnsafeOutputException {
    Map<String, JsonNode> summaries = new LinkedHashMap<>();
    SortedSet<String> previousModules = modules(previous.files().keySet());
    for (String module : previousModules) {
      summary(previous, module).ifPresent(s -> summaries.put(module, s));
    }
    Set<String> planned = new TreeSet<>();
    output.modules().forEach(m -> planned.add(m.path()));
    Map<String, DecommissionedAccount> decommissioned = catalogue.organization() == null ? Map.of()
        : catalogue.organization().decommissioned();
    List<Diagnostic> problems = new ArrayList<>();
    List<String> undeclared = new ArrayList<>();
    SortedMap<String, String> stubFiles = new TreeMap<>();
    List<String> stubbed = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<Model.Decommission> stubs = new ArrayList<>();
    for (String module : previousModules) {
      if (planned.contains(module)) {
        continue;
      }
      JsonNode summary = summaries.get(module);
      String account = summary != null ? summary.path("account_name").asText(lastSegment(module)) : lastSegment(module);
      boolean named = options.allows(account, module);
      boolean stub = summary != null && "decommissioned".equals(summary.path("status").asText());
      if (stub) {
        if (options.removesStub(account, module)) {
          removed.add(module);
        } else {
          for (String file : previous.files().keySet()) {
            if (file.startsWith(module + "/")) {
              previous.read(file).ifPresent(text -> stubFiles.put(file, text));
            }
          }
          kept.add(module);
          stubs.add(new Model.Decommission(module, account, summary.path("account_id").asText(), homeRegion(summary),
              summary.path("assumes_role").asBoolean(true), summary.path("reason").asText()));
        }
        continue;
      }
      DecommissionedAccount entry = module.equals("accounts/" + account) ? decommissioned.get(account) : null;
      if (entry == null && !named) {
        undeclared.add(describe(module, summary));
        continue;
      }
      if (summary == null) {
        problems.add(new Diagnostic(Severity.ERROR, "BC271", at, "module " + module + " may be removed, but the previous "
            + "output has no " + ModuleSummaries.FILE + " for it (it was written by an older backup-catalogue), so the "
            + "decommission stub cannot name the vaults, keys and locks to keep",
            "generate the previous catalogue once with this version (it adds the summary), then make this change"));
        continue;
      }
      String reason = entry != null ? entry.reason() : "removal allowed by the run (allowRemoval)";
      stubFiles.putAll(stub(previous, renderer, output.catalogue(), module, summary, reason));
      stubbed.add(module);
      stubs.add(new Model.Decommission(module, account, summary.path("account_id").asText(), homeRegion(summary),
          summary.path("assumes_role").asBoolean(true), reason));
    }
    if (!undeclared.isEmpty()) {
      problems.add(new Diagnostic(Severity.ERROR, "BC270", at, undeclared.size() + " module(s) of the previous output "
          + "would disappear, leaving their state orphaned and what they manage unmanaged: " + String.join("; ", undeclared),
          "if the accounts really leave, list each in organization.decommissioned with its id and the reason (or name "
              + "them in -Dbackup-catalogue.allowRemoval=NAME,...): the module then becomes a stub that keeps the "
              + "vaults, keys and locks (and their recovery points); otherwise put the accounts back"));
    }
    return new Outcome(problems, stubFiles, stubbed, kept, removed, summaries, stubs);
  }

  /**
   * The region of the module's default provider, from its summary; summaries of earlier builds have
   * none, and a pipeline only needs some region to get credentials (the providers name their own).
   */
  private static String homeRegion(JsonNode summary) {
    return summary.path("home_region").asText("us-east-1");
  }

  private static String lastSegment(String module) {
    return module.substring(module.lastIndexOf('/') + 1);
  }

  static Optional<JsonNode> summary(PreviousOutput previous, String module) throws IOException, UnsafeOutputException {
    Optional<String> text = previous.read(module + "/" + ModuleSummaries.FILE);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode node = MAPPER.readTree(text.get());
      return node != null && node.path("format").asInt() == ModuleSummaries.FORMAT ? Optional.of(node) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // not ours to judge: treated as a module without a summary
    }
  }

  /** "accounts/app (account app 345678901234: 2 plan(s) Daily, Weekly; 1 vault(s) Local in eu-west-1 locked ...)". */
  private static String describe(String module, JsonNode summary) {
    if (summary == null) {
      return module + " (what it manages is unknown: no " + ModuleSummaries.FILE + ")";
    }
    List<String> parts = new ArrayList<>();
    List<String> plans = names(summary.path("plans"));
    if (!plans.isEmpty()) {
      parts.add("plans " + String.join(", ", plans));
    }
    List<String> vaults = new ArrayList<>();
    summary.path("vaults").fields().forEachRemaining(v -> vaults.add(v.getKey()
        + (v.getValue().path("lock").isObject() ? " (" + v.getValue().path("lock").path("mode").asText() + " lock)" : "")));
    if (!vaults.isEmpty()) {
      parts.add("vaults " + String.join(", ", vaults));
    }
    long keys = 0;
    for (JsonNode address : summary.path("kept_on_decommission")) {
      if (address.asText().startsWith("aws_kms_key.")) {
        keys++;
      }
    }
    if (keys > 0) {
      parts.add(keys + " KMS key(s)");
    }
    List<String> policies = names(summary.path("policies"));
    if (!policies.isEmpty()) {
      parts.add("backup policies " + String.join(", ", policies));
    }
    return module + " (account " + summary.path("account_name").asText() + " " + summary.path("account_id").asText()
        + (parts.isEmpty() ? "" : ": " + String.join("; ", parts)) + ")";
  }

  static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Map<String, String> stub(PreviousOutput previous, TemplateRenderer renderer, String catalogueName,
      String module, JsonNode summary, String reason) throws IOException, RenderException, UnsafeOutputException {
    Map<String, String> files = new TreeMap<>();
    for (String carried : CARRIED) {
      previous.read(module + "/" + carried).ifPresent(text -> files.put(module + "/" + carried, text));
    }
    ObjectNode stubSummary = summary.deepCopy();
    stubSummary.put("status", "decommissioned");
    stubSummary.put("reason", reason);
    stubSummary.putObject("plans");
    stubSummary.putObject("policies");
    List<String> keptAddresses = new ArrayList<>();
    summary.path("kept_on_decommission").forEach(a -> keptAddresses.add(a.asText()));
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("path", module);
    model.put("accountName", summary.path("account_name").asText());
    model.put("accountId", summary.path("account_id").asText());
    model.put("reason", reason);
    model.put("state", summary.path("state").asText());
    model.put("kept", keptAddresses);
    model.put("hasBackend", files.containsKey(module + "/backend.tf"));
    renderer.renderStub(catalogueName, model).forEach((name, text) -> files.put(module + "/" + name, text));
    files.put(module + "/" + ModuleSummaries.FILE, Json.pretty(stubSummary) + "\n");
    return files;
  }
}
