package io.github.backupcatalogue.validate;

import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.Organization;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.Position;
import io.github.backupcatalogue.load.SourceMap;
import java.util.List;

/**
 * BC108: a catalogue describes an organization or one account, not both; the single account's
 * name (BC107), id (BC101) and regions (BC106).
 */
final class ShapeRules extends RuleSupport {

  ShapeRules(SourceMap sourceMap, List<Diagnostic> problems) {
    super(sourceMap, problems);
  }

  void check(Catalogue c) {
    if (c.organization() == null && c.account() == null) {
      error("BC108", Position.START, "the catalogue has neither 'organization' nor 'account'",
          "add 'organization:' for an AWS Organization with backup policies, or 'account:' for one account");
    }
    if (c.organization() != null && c.account() != null) {
      error("BC108", key("account"), "the catalogue has both 'organization' and 'account'",
          "keep 'organization:' (backup policies) or 'account:' (plans in one account), not both");
    }
    if (c.organization() == null && !c.policies().isEmpty()) {
      error("BC108", key("policies"), "'policies' needs an 'organization'",
          "a single account gets its plans directly; remove 'policies' or describe the organization");
    }
    if (c.account() != null) {
      checkModuleName(c.account().name(), value("account", "name"));
      checkAccountId(c.account().id(), value("account", "id"));
      checkRegions(c.account().regions(), ptr("account", "regions"));
      if (c.account().regions().isEmpty()) {
        error("BC106", key("account", "regions"), "account '" + c.account().name() + "' lists no regions",
            "list the regions it uses, home region first, e.g. [eu-west-1]");
      }
    }
  }
}
