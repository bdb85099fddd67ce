package io.github.backupcatalogue.validate;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.Organization;
import io.github.backupcatalogue.catalogue.OrganizationalUnit;
import io.github.backupcatalogue.catalogue.PolicyManagement;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.load.SourceMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The organization's structure: ids (BC101, BC103), duplicates (BC102), references (BC104),
 * OU cycles (BC105), account regions (BC106), and delegated administrators (BC109).
 */
final class OrganizationStructureRules extends RuleSupport {

  private static final Pattern ORG_ID = Pattern.compile("o-[a-z0-9]{10,32}");
  private static final Pattern ROOT_ID = Pattern.compile("r-[0-9a-z]{4,32}");
  private static final Pattern OU_ID = Pattern.compile("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}");

  OrganizationStructureRules(SourceMap sourceMap, List<Diagnostic> problems) {
    super(sourceMap, problems);
  }

  void check(Catalogue c, Organization org) {
    if (!ORG_ID.matcher(org.id()).matches()) {
      error("BC103", value("organization", "id"), "'" + org.id() + "' is not an organization id",
          "organization ids look like o-a1b2c3d4e5 (o- and 10-32 lower-case letters or digits)");
    }
    if (!ROOT_ID.matcher(org.rootId()).matches()) {
      error("BC103", value("organization", "root_id"), "'" + org.rootId() + "' is not a root id",
          "root ids look like r-a1b2 (r- and 4-32 lower-case letters or digits)");
    }
    Map<String, String> namesById = new HashMap<>();
    org.accounts().forEach((name, account) -> {
      JsonPointer p = ptr("organization", "accounts", name);
      checkModuleName(name, sourceMap.key(p));
      checkAccountId(account.id(), sourceMap.value(p.appendProperty("id")));
      String other = namesById.putIfAbsent(account.id(), name);
      if (other != null && ACCOUNT_ID.matcher(account.id()).matches()) {
        error("BC102", sourceMap.value(p.appendProperty("id")), "account id " + account.id() + " is used by both '"
            + other + "' and '" + name + "'", "each account appears once; remove or correct one of them");
      }
      if (!account.ou().equals(Organization.ROOT)) {
        reference(account.ou(), org.organizationalUnits().keySet(), "organizational unit", p.appendProperty("ou"), true);
      }
      checkRegions(account.regions(), p.appendProperty("regions"));
    });
    Set<String> ouIds = new HashSet<>();
    org.organizationalUnits().forEach((name, ou) -> {
      JsonPointer p = ptr("organization", "organizational_units", name);
      if (!OU_ID.matcher(ou.id()).matches()) {
        error("BC103", sourceMap.value(p.appendProperty("id")), "'" + ou.id() + "' is not an OU id",
            "OU ids look like ou-a1b2-c3d4e5f6");
      } else if (!ouIds.add(ou.id())) {
        error("BC102", sourceMap.value(p.appendProperty("id")), "OU id " + ou.id() + " is used twice",
            "each OU appears once");
      }
      if (name.equals(Organization.ROOT)) {
        error("BC107", sourceMap.key(p), "'root' names the organization root and cannot name an OU", "rename the OU");
      }
      if (!ou.parent().equals(Organization.ROOT)) {
        reference(ou.parent(), org.organizationalUnits().keySet(), "organizational unit", p.appendProperty("parent"), true);
      }
    });
    checkOuCycles(org);
    reference(org.managementAccount(), org.accounts().keySet(), "account", ptr("organization", "management_account"), false);
    if (org.centralBackupAccount() != null) {
      reference(org.centralBackupAccount(), org.accounts().keySet(), "account", ptr("organization", "central_backup_account"), false);
    }
    List<String> admins = org.delegatedAdministrators();
    for (int i = 0; i < admins.size(); i++) {
      JsonPointer p = ptr("organization", "delegated_administrators").appendIndex(i);
      reference(admins.get(i), org.accounts().keySet(), "account", p, false);
      if (admins.get(i).equals(org.managementAccount())) {
        error("BC109", sourceMap.value(p), "the management account '" + admins.get(i)
            + "' cannot be a delegated administrator", "name another account; AWS rejects registering the management account");
      }
    }
    if (admins.size() > CatalogueValidator.MAX_DELEGATED_ADMINISTRATORS) {
      error("BC109", value("organization", "delegated_administrators"), admins.size()
          + " delegated administrators; AWS Backup allows at most " + CatalogueValidator.MAX_DELEGATED_ADMINISTRATORS, "remove some");
    }
    if (admins.size() != new HashSet<>(admins).size()) {
      error("BC109", value("organization", "delegated_administrators"), "an account is listed twice", "list each once");
    }
    if (org.policyManagement() == PolicyManagement.DELEGATED_ADMINISTRATOR && admins.isEmpty()) {
      error("BC109", key("organization"), "backup policies are to be managed by a delegated administrator, but none is listed",
          "add 'delegated_administrators: [<account name>]', or set 'policy_management: management_account'");
    }
  }

  private void checkOuCycles(Organization org) {
    for (String start : org.organizationalUnits().keySet()) {
      Set<String> seen = new HashSet<>();
      String current = start;
      while (current != null && !current.equals(Organization.ROOT)) {
        if (!seen.add(current)) {
          if (current.equals(start)) {
            error("BC105", value("organization", "organizational_units", start, "parent"), "organizational unit '" + start
                + "' is its own ancestor (" + String.join(" -> ", cyclePath(org, start)) + ")",
                "an OU tree ends at root; correct one of the parents");
          }
          break;
        }
        OrganizationalUnit ou = org.organizationalUnits().get(current);
        current = ou == null ? null : ou.parent();
      }
    }
  }

  private static List<String> cyclePath(Organization org, String start) {
    List<String> path = new ArrayList<>(List.of(start));
    String current = org.organizationalUnits().get(start).parent();
    while (!current.equals(start)) {
      path.add(current);
      current = org.organizationalUnits().get(current).parent();
    }
    path.add(start);
    return path;
  }
}
