package io.github.backupcatalogue.validate;

import io.github.backupcatalogue.catalogue.Account;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.load.SourceMap;
import io.github.backupcatalogue.plan.Scope;
import java.util.List;

/**
 * Rules over the scope, which need valid references: central regions (BC235) and regions a plan
 * runs in that an account does not list (BC303).
 */
final class ScopeRules extends RuleSupport {

  ScopeRules(SourceMap sourceMap, List<Diagnostic> problems) {
    super(sourceMap, problems);
  }

  void check(Catalogue c) {
    Scope scope = Scope.of(c);
    if (c.organization() != null && c.organization().centralBackupAccount() != null) {
      String central = c.organization().centralBackupAccount();
      Account account = c.organization().accounts().get(central);
      scope.centralRegions().forEach((vault, regions) -> regions.forEach(region -> {
        if (!account.regions().isEmpty() && !account.regions().contains(region)) {
          error("BC235", value("organization", "accounts", central, "regions"), "copies go to central vault '" + vault
              + "' in " + region + ", which the central account '" + central + "' does not list",
              "add " + region + " to its regions, or copy to a listed region");
        }
      }));
    }
    scope.skippedRegions().forEach(skip -> warning("BC303", value("organization", "accounts", skip.account(), "regions"),
        "plan '" + skip.plan() + "' runs in " + skip.region() + " for account '" + skip.account()
            + "', which does not list that region; no vault is generated there",
        "add " + skip.region() + " to the account's regions if it has resources there, or their backup jobs fail"));
  }
}
