package io.github.backupcatalogue.compliance;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.Control;
import io.github.backupcatalogue.catalogue.CopyAction;
import io.github.backupcatalogue.catalogue.KeyType;
import io.github.backupcatalogue.catalogue.Lifecycle;
import io.github.backupcatalogue.catalogue.LockMode;
import io.github.backupcatalogue.catalogue.Rule;
import io.github.backupcatalogue.catalogue.Vault;
import io.github.backupcatalogue.catalogue.VaultLocation;
import io.github.backupcatalogue.catalogue.VaultLock;
import io.github.backupcatalogue.load.SourceMap;
import io.github.backupcatalogue.plan.AccessMatrix;
import io.github.backupcatalogue.plan.Model;
import io.github.backupcatalogue.validate.AuditControls;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compliance report's content: per account, the plans it effectively gets in plain words,
 * the verdict of each control that covers it, a 3-2-1-1-0 scorecard and who may delete or copy its
 * recovery points; each fact with the catalogue line it comes from. Rendered as
 * {@code compliance-report.md} and {@code compliance-report.html}. A catalogue with a violated
 * control never gets this far (validation stops it), so every judged control here passes.
 *
 * @param catalogue the catalogue's file name
 * @param summary one line about the whole organization
 * @param controls every declared control with how it is judged
 * @param reports where AWS Backup Audit Manager's own reports go, or null
 * @param accounts one section per account that gets plans or is in a control's scope
 */
public record ComplianceReport(
    String catalogue, String summary, List<ControlInfo> controls, String reports, List<AccountReport> accounts) {

  public ComplianceReport {
    controls = List.copyOf(controls);
    accounts = List.copyOf(accounts);
  }

  /** A declared control: its name, AWS's title, its parameters as sent, how it is judged, its line. */
  public record ControlInfo(String name, String title, String parameters, String scope, String judged, String source) {}

  public record AccountReport(
      String name, String id, String where, List<PlanFacts> plans, List<Verdict> verdicts, List<Score> scorecard,
      List<Access> access) {
    public AccountReport {
      plans = List.copyOf(plans);
      verdicts = List.copyOf(verdicts);
      scorecard = List.copyOf(scorecard);
      access = List.copyOf(access);
    }
  }

  public record PlanFacts(String name, String source, String via, String regions, String selects, List<RuleFacts> rules) {
    public PlanFacts {
      rules = List.copyOf(rules);
    }
  }

  public record RuleFacts(String name, String source, String schedule, String retention, String vault, String vaultSource,
      List<String> copies) {
    public RuleFacts {
      copies = List.copyOf(copies);
    }
  }

  /** {@code passes} (judged before apply) or {@code after apply} (only AWS can judge it). */
  public record Verdict(String control, String verdict, String detail) {}

  public record Score(String rule, boolean met, String detail) {}

  public record Access(String question, String answer) {}

  /** The report of a valid, planned catalogue. */
  public static ComplianceReport of(Catalogue c, SourceMap sourceMap, Model.Output output) {
    return new Builder(c, sourceMap, output).build();
  }

  private static final class Builder {
    private final Catalogue c;
    private final SourceMap sourceMap;
    private final Model.Output output;

    Builder(Catalogue c, SourceMap sourceMap, Model.Output output) {
      this.c = c;
      this.sourceMap = sourceMap;
      this.output = output;
    }

    ComplianceReport build() {
      List<ControlInfo> controls = new ArrayList<>();
      c.controls().forEach((name, control) -> {
        var d = AuditControls.byName(name).orElseThrow();
        Map<String, String> parameters = AuditControls.inputParameters(d, control);
        controls.add(new ControlInfo(name, d.title(), parameters.isEmpty() ? "none" : String.join(", ",
            parameters.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList()), scope(control),
            d.judgedBeforeApply() ? "before apply, and by AWS after apply" : "by AWS after apply only: " + d.afterApplyOnly(),
            line("/controls/" + name)));
      });
      Set<String> accounts = new LinkedHashSet<>();
      for (String account : AccountProtection.accounts(c)) {
        if (!AccountProtection.plansFor(c, account).isEmpty()
            || c.controls().values().stream().anyMatch(control -> ControlCoverage.accounts(c, control).contains(account))) {
          accounts.add(account);
        }
      }
      AccessMatrix matrix = new AccessMatrix(output);
      List<AccountReport> reports = new ArrayList<>();
      int full = 0;
      int tested = 0;
      for (String account : accounts) {
        AccountReport report = account(account, matrix);
        if (report.scorecard().stream().limit(4).allMatch(Score::met)) {
          full++;
        }
        if (report.scorecard().get(4).met()) {
          tested++;
        }
        reports.add(report);
      }
      long judged = c.controls().keySet().stream().filter(n -> AuditControls.byName(n).orElseThrow().judgedBeforeApply()).count();
      String summary = reports.size() + (reports.size() == 1 ? " account" : " accounts") + " in scope; " + c.controls().size()
          + " controls declared: " + judged + " checked before apply (all pass), " + (c.controls().size() - judged)
          + " checked by AWS after apply only; 3-2-1-1 met by " + full + " of " + reports.size()
          + "; restore-tested: " + tested + " of " + reports.size();
      String where = null;
      if (c.auditReports() != null) {
        var r = c.auditReports();
        String from = c.singleAccount() ? c.account().name() : c.organization().policyAccount();
        where = String.join(", ", r.templates()) + " delivered daily to s3://" + r.bucket() + (r.keyPrefix() == null ? "" : "/" + r.keyPrefix())
            + " by report plans in " + from + " (" + line("/audit_reports") + ")";
      }
      return new ComplianceReport(output.catalogue(), summary, controls, where, reports);
    }

    private String scope(Control control) {
      var s = control.scope();
      List<String> parts = new ArrayList<>();
      parts.add(s.everyAccount() ? "every account that gets backup plans, and the central backup account" : String.join(", ", concat(
          s.organizationalUnits().stream().map(ou -> "OU " + ou).toList(), s.accounts().stream().map(a -> "account " + a).toList())));
      if (!s.resourceTypes().isEmpty()) {
        parts.add("resource types " + String.join(", ", s.resourceTypes()));
      }
      if (s.tag() != null) {
        parts.add("resources tagged " + s.tag().key() + " = " + s.tag().value());
      }
      return String.join("; ", parts);
    }

    private static List<String> concat(List<String> a, List<String> b) {
      List<String> out = new ArrayList<>(a);
      out.addAll(b);
      return out;
    }

    private AccountReport account(String account, AccessMatrix matrix) {
      String id = ControlCoverage.accountId(c, account);
      String where = c.singleAccount() ? "single account" : "OU " + c.organization().accounts().get(account).ou();
      Map<String, AccountProtection.EffectivePlan> plans = AccountProtection.plansFor(c, account);
      List<PlanFacts> facts = new ArrayList<>();
      plans.forEach((name, plan) -> facts.add(plan(account, name, plan)));
      List<Verdict> verdicts = new ArrayList<>();
      Map<String, AccountProtection.EffectivePlan> plansOf = plans;
      c.controls().forEach((name, control) -> {
        if (ControlCoverage.accounts(c, control).contains(account)) {
          var d = AuditControls.byName(name).orElseThrow();
          boolean aboutVaults = name.equals("BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED");
          if (!d.judgedBeforeApply()) {
            verdicts.add(new Verdict(name, "after apply", "checked by AWS after apply only: " + d.afterApplyOnly()));
          } else if (plansOf.isEmpty() && !aboutVaults) {
            verdicts.add(new Verdict(name, "after apply", "the account gets no backup plan, so there is nothing to check before "
                + "apply; AWS checks its resources after apply"));
          } else {
            verdicts.add(new Verdict(name, "passes", "checked before apply against the "
                + (aboutVaults ? "vaults that hold the account's recovery points" : "effective plans") + "; AWS checks it again after apply"));
          }
        }
      });
      List<Access> access = new ArrayList<>();
      output.modules().stream().filter(m -> m.accountName().equals(account) && m.role() != null).findFirst()
          .ifPresent(m -> matrix.questionsOf(m).forEach(q -> access.add(new Access(q.question(), q.expected().equals("Allowed") ? "allowed" : "denied"))));
      return new AccountReport(account, id, where, facts, verdicts, scorecard(account, plans), access);
    }

    private PlanFacts plan(String account, String name, AccountProtection.EffectivePlan plan) {
      List<RuleFacts> rules = new ArrayList<>();
      plan.plan().rules().forEach((ruleName, rule) -> {
        String pointer = plan.pointer() + "/rules/" + ruleName;
        List<String> copies = new ArrayList<>();
        for (int i = 0; i < rule.copyTo().size(); i++) {
          CopyAction copy = rule.copyTo().get(i);
          Lifecycle lifecycle = copy.lifecycle() != null ? copy.lifecycle() : rule.lifecycle();
          copies.add("copy to " + vaultWords(account, copy.vault(), copy.region()) + ", " + retention(lifecycle) + " ("
              + line(pointer + "/copy_to/" + i) + ")");
        }
        rules.add(new RuleFacts(ruleName, line(pointer), ScheduleWords.of(rule.schedule(), rule.timezone())
            + (rule.continuousBackup() ? ", with continuous backup (point-in-time recovery)" : ""), retention(rule.lifecycle()),
            vaultWords(account, rule.vault(), null), line("/vaults/" + rule.vault()), copies));
      });
      String via = String.join(", ", plan.via().stream().map(v -> v.equals("direct") ? "directly (single account)" : line(v)).toList());
      List<String> selects = new ArrayList<>();
      plan.plan().selections().forEach((selection, s) -> {
        List<String> what = new ArrayList<>(s.resourceTypes());
        if (s.tag() != null) {
          what.add("resources tagged " + s.tag().key() + " = " + s.tag().value());
        }
        selects.add(String.join(", ", what));
      });
      if (c.dataClassification() != null && c.dataClassification().values().entrySet().stream().anyMatch(e -> e.getValue().contains(name))) {
        c.dataClassification().values().forEach((value, planNames) -> {
          if (planNames.contains(name)) {
            selects.add("resources tagged " + c.dataClassification().tagKey() + " = " + value);
          }
        });
      }
      return new PlanFacts(name, line(plan.pointer()), via, String.join(", ", plan.plan().regions()),
          selects.isEmpty() ? "nothing yet" : String.join("; ", selects), rules);
    }

    private String vaultWords(String account, String vaultName, String region) {
      Vault vault = c.vaults().get(vaultName);
      String holder = vault.location() == VaultLocation.CENTRAL_ACCOUNT ? c.organization().centralBackupAccount() : account;
      String place = holder.equals(account) ? (region == null ? "this account" : "this account, " + region)
          : holder + " (" + ControlCoverage.accountId(c, holder) + ")" + (region == null ? "" : ", " + region);
      String lock = vault.airGapped() != null ? "logically air-gapped vault (" + lock(vault.effectiveLock()) + ")" : lock(vault.lock());
      return vaultName + " in " + place + "; " + lock + "; " + key(vault) + "; "
          + (vault.accessPolicy().denyRecoveryPointDeletion()
              ? "deleting recovery points denied to all" + (vault.accessPolicy().breakGlassRole() == null ? "" : " but " + vault.accessPolicy().breakGlassRole())
              : "deleting recovery points not denied");
    }

    private static String lock(VaultLock lock) {
      if (lock == null) {
        return "no vault lock";
      }
      String bounds = "retention " + (lock.minRetentionDays() == null ? "any" : lock.minRetentionDays()) + "-"
          + (lock.maxRetentionDays() == null ? "any" : lock.maxRetentionDays()) + " days";
      return lock.mode() == LockMode.COMPLIANCE
          ? "compliance lock (" + bounds + (lock.changeableForDays() == null ? ", immutable)" : ", immutable after " + lock.changeableForDays() + " days)")
          : "governance lock (" + bounds + ", removable by privileged users)";
    }

    private static String key(Vault vault) {
      var e = vault.encryption();
      return e.key() == KeyType.CREATE ? "encrypted with its own customer-managed KMS key" + (e.rotation() ? " (rotated yearly)" : "")
          : e.key() == KeyType.EXISTING ? "encrypted with the KMS key " + e.keyArn() : "encrypted with the AWS managed key aws/backup";
    }

    private static String retention(Lifecycle lifecycle) {
      String keep = lifecycle.deleteAfterDays() == null ? "kept for ever" : "kept " + lifecycle.deleteAfterDays() + " days";
      return lifecycle.coldStorageAfterDays() == null ? keep
          : "cold storage after " + lifecycle.coldStorageAfterDays() + " days, " + keep;
    }

    private List<Score> scorecard(String account, Map<String, AccountProtection.EffectivePlan> plans) {
      List<String> three = new ArrayList<>();
      List<String> two = new ArrayList<>();
      List<String> offsite = new ArrayList<>();
      List<String> immutable = new ArrayList<>();
      boolean threeMet = !plans.isEmpty();
      boolean twoMet = !plans.isEmpty();
      boolean offsiteMet = !plans.isEmpty();
      boolean immutableMet = !plans.isEmpty();
      for (var entry : plans.entrySet()) {
        String name = entry.getKey();
        int best = 0;
        int places = 0;
        boolean off = false;
        boolean locked = false;
        for (Rule rule : entry.getValue().plan().rules().values()) {
          Set<String> vaults = new LinkedHashSet<>();
          vaults.add(rule.vault());
          boolean cold = rule.lifecycle().coldStorageAfterDays() != null;
          boolean ruleOff = false;
          for (CopyAction copy : rule.copyTo()) {
            vaults.add(copy.vault() + "@" + (copy.region() == null ? "" : copy.region()));
            if (c.vaults().get(copy.vault()).location() == VaultLocation.CENTRAL_ACCOUNT || copy.region() != null) {
              ruleOff = true;
            }
          }
          best = Math.max(best, 2 + rule.copyTo().size());
          places = Math.max(places, vaults.size() + (cold ? 1 : 0));
          off |= ruleOff;
          locked |= isCompliance(rule.vault()) || rule.copyTo().stream().anyMatch(copy -> isCompliance(copy.vault()));
        }
        three.add(name + ": " + best + " copies (the data and " + (best - 1) + (best == 2 ? " recovery point)" : " recovery points)"));
        two.add(name + ": " + places + (places == 1 ? " vault or tier" : " vaults or tiers"));
        offsite.add(name + ": " + (off ? "copies to another account or region" : "no copy leaves the account and region"));
        immutable.add(name + ": " + (locked ? "a copy under a compliance lock or in a logically air-gapped vault"
            : "no copy under a compliance lock or in a logically air-gapped vault"));
        threeMet &= best >= 3;
        twoMet &= places >= 2;
        offsiteMet &= off;
        immutableMet &= locked;
      }
      String none = !c.singleAccount() && account.equals(c.organization().centralBackupAccount())
          ? "no backup plan for the account's own resources (it holds the copies of the others)" : "no backup plan";
      return List.of(
          new Score("3 copies of the data", threeMet, plans.isEmpty() ? none : String.join("; ", three)),
          new Score("2 storage tiers or vaults", twoMet, plans.isEmpty() ? none : String.join("; ", two)),
          new Score("1 copy in another account or region", offsiteMet, plans.isEmpty() ? none : String.join("; ", offsite)),
          new Score("1 immutable copy (compliance lock or air-gapped vault)", immutableMet, plans.isEmpty() ? none : String.join("; ", immutable)),
          untested(plans));
    }

    /** 0 untested: a restore testing plan tests recovery points of a vault the account's plans back up into. */
    private Score untested(Map<String, AccountProtection.EffectivePlan> plans) {
      if (plans.isEmpty()) {
        return new Score("0 untested", false, "no backup plan, nothing to test");
      }
      Set<String> vaults = new LinkedHashSet<>();
      plans.values().forEach(p -> p.plan().rules().values().forEach(r -> vaults.add(r.vault())));
      List<String> tests = new ArrayList<>();
      c.restoreTesting().forEach((name, test) -> {
        if (test.recoveryPoints() != null && test.recoveryPoints().vaults().stream().anyMatch(vaults::contains)) {
          tests.add(line("/restore_testing/" + name));
        }
      });
      return tests.isEmpty()
          ? new Score("0 untested", false, "not tested: no restore testing plan tests " + String.join(" or ", vaults))
          : new Score("0 untested", true, "restore-tested by " + String.join("; ", tests));
    }

    private boolean isCompliance(String vault) {
      VaultLock lock = c.vaults().get(vault).effectiveLock();
      return lock != null && lock.mode() == LockMode.COMPLIANCE;
    }

    /** "plans.Daily, line 64". */
    private String line(String pointer) {
      var at = sourceMap.key(JsonPointer.compile(pointer));
      return pointer.substring(1).replace("/", ".").replace("~1", "/").replace("~0", "~") + ", line " + at.line();
    }
  }
}
