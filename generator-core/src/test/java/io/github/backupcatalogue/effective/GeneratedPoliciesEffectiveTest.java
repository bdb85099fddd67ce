package io.github.backupcatalogue.effective;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.backupcatalogue.TestFiles;
import io.github.backupcatalogue.catalogue.Account;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.Organization;
import io.github.backupcatalogue.catalogue.Plan;
import io.github.backupcatalogue.plan.BackupPolicyDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The proof that the generated policies say what the catalogue says: the engine runs over the
 * policy documents and attachments of the golden {@code policies/policies.tf} (the product, not the
 * generator's memory of it), account by account along the OU path, and the effective policy must
 * be the catalogue's effective plans (layered changes applied to the records by
 * {@link PlanChanges}) written with operators stripped, with no ignored change.
 */
class GeneratedPoliciesEffectiveTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern HEREDOC = Pattern.compile("backup_policy_(\\S+)\\s*= <<-EOT\\n(.*?)\\n\\s*EOT", Pattern.DOTALL);
  private static final Pattern ATTACHMENT = Pattern.compile(
      "resource \"aws_organizations_policy_attachment\" \"[^\"]+\" \\{\\s*policy_id = aws_organizations_policy\\.(\\S+)\\.id\\s*target_id = \"([^\"]+)\"");

  @ParameterizedTest
  @ValueSource(strings = {"management-policies", "organization", "brownfield-org"})
  void theEngineOverTheGeneratedPoliciesGivesTheCataloguesEffectivePlans(String sample) throws Exception {
    Catalogue c = EffectivePoliciesTest.sample(sample);
    String tf = Files.readString(TestFiles.golden(sample).resolve("policies/policies.tf"));
    Map<String, PolicyDocument> documents = new LinkedHashMap<>();
    Matcher heredoc = HEREDOC.matcher(tf);
    while (heredoc.find()) {
      documents.put(heredoc.group(1), new PolicyDocument(heredoc.group(1), MAPPER.readTree(heredoc.group(2))));
    }
    Map<String, List<String>> byTarget = new LinkedHashMap<>();
    Matcher attachment = ATTACHMENT.matcher(tf);
    while (attachment.find()) {
      byTarget.computeIfAbsent(attachment.group(2), t -> new ArrayList<>()).add(attachment.group(1));
    }
    assertThat(documents).isNotEmpty();
    assertThat(byTarget).isNotEmpty();

    Organization org = c.organization();
    var effective = EffectivePolicies.of(c);
    int checked = 0;
    for (Map.Entry<String, Account> entry : org.accounts().entrySet()) {
      List<String> targets = new ArrayList<>(List.of(org.rootId()));
      EffectivePolicies.ouPath(org, entry.getValue().ou()).forEach(ou -> targets.add(org.organizationalUnits().get(ou).id()));
      targets.add(entry.getValue().id());
      List<List<PolicyDocument>> levels = new ArrayList<>();
      for (String target : targets) {
        levels.add(byTarget.getOrDefault(target, List.of()).stream().map(documents::get).toList());
      }
      EffectiveResult fromTerraform = EffectivePolicyEngine.levels(levels, KeyNames.BACKUP_POLICY);

      Map<String, Plan> plans = new LinkedHashMap<>(c.plans());
      plans.putAll(effective.get(entry.getKey()).plans());
      Catalogue withEffectivePlans = new Catalogue(c.version(), c.organization(), c.account(), c.settings(), c.deployment(),
          c.backupRole(), c.backupRoles(), c.vaults(), plans, c.policies(), c.dataClassification(), c.notifications(), c.restoreTesting(), c.acknowledge(),
          c.controls(), c.auditReports());
      var expected = Stripped.of(BackupPolicyDocuments.plansDocument(withEffectivePlans,
          List.copyOf(effective.get(entry.getKey()).plans().keySet()), List.of("all")));

      assertThat(fromTerraform.findings()).as(entry.getKey()).isEmpty();
      // Objects compare regardless of key order (plans come in attachment order from AWS, by name from the API).
      assertThat((Object) fromTerraform.effective()).as(entry.getKey())
          .isEqualTo(expected.get("plans").isEmpty() ? MAPPER.createObjectNode() : expected);
      assertThat(fromTerraform.effective()).isEqualTo(effective.get(entry.getKey()).effective());
      checked++;
    }
    assertThat(checked).isEqualTo(org.accounts().size());
  }
}
