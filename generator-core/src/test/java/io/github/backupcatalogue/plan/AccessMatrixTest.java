package io.github.backupcatalogue.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.backupcatalogue.Catalogues;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The access matrix is derived from the plan: a copy action brings its questions, and takes them away. */
class AccessMatrixTest {

  private static List<AccessMatrix.Question> questions(String yaml) {
    var load = Catalogues.load(yaml);
    assertThat(load.problems()).isEmpty();
    return AccessMatrix.of(Planner.plan(load.catalogue().orElseThrow(), "backup-catalogue.yaml"));
  }

  private static final String COPY = "        copy_to:\n          - vault: Central\n            lifecycle: {delete_after_days: 365}\n";

  @Test
  void aCopyActionAddsTheQuestionsOfItsCopyAndRemovingItRemovesThem() {
    var with = questions(Catalogues.ORGANIZATION);
    var without = questions(Catalogues.organizationWith(COPY, ""));
    assertThat(with).anySatisfy(q -> {
      assertThat(q.id()).isEqualTo("accounts/central/vault/Central_eu_west_1/copy-from-app");
      assertThat(q.principal()).isEqualTo("arn:aws:iam::345678901234:role/BackupCatalogueRole");
      assertThat(q.action()).isEqualTo("backup:CopyIntoBackupVault");
      assertThat(q.expected()).isEqualTo("Allowed");
    });
    assertThat(with).anySatisfy(q -> assertThat(q.id()).isEqualTo("accounts/app/vault/Local_eu_west_1/copy-back-from-central"));
    assertThat(with).anySatisfy(q -> assertThat(q.id()).isEqualTo("accounts/central/vault/Central_eu_west_1/key-app-CreateGrant"));
    assertThat(without).noneSatisfy(q -> assertThat(q.id()).contains("copy-from-app"));
    assertThat(without).noneSatisfy(q -> assertThat(q.id()).contains("copy-back"));
    assertThat(without).noneSatisfy(q -> assertThat(q.id()).startsWith("accounts/central/"));
  }

  @Test
  void everyProtectedVaultAsksThatTheAdministratorCannotRemoveTheProtection() {
    var questions = questions(Catalogues.ORGANIZATION);
    for (String action : List.of("backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle",
        "backup:PutBackupVaultAccessPolicy", "backup:DeleteBackupVaultAccessPolicy")) {
      assertThat(questions).anySatisfy(q -> {
        assertThat(q.id()).startsWith("accounts/app/vault/Local_eu_west_1/admin-");
        assertThat(q.action()).isEqualTo(action);
        assertThat(q.expected()).isEqualTo("ExplicitlyDenied");
      });
    }
    assertThat(questions).anySatisfy(q -> {
      assertThat(q.id()).isEqualTo("management/delegation/TagResource-backup-policy");
      assertThat(q.expected()).isEqualTo("Allowed");
    });
    assertThat(questions).anySatisfy(q -> {
      assertThat(q.id()).isEqualTo("management/delegation/CreatePolicy-SERVICE_CONTROL_POLICY");
      assertThat(q.expected()).isEqualTo("Denied");
    });
  }
}
