package io.github.backupcatalogue.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.backupcatalogue.BackupCatalogue;
import io.github.backupcatalogue.Catalogues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing is lost: changed files only, stale generated files removed, user files untouched. */
class OutputWriterTest {

  @TempDir
  Path dir;

  private BackupCatalogue.Result generate(String yaml) throws Exception {
    return generate(yaml, java.util.Set.of());
  }

  private BackupCatalogue.Result generate(String yaml, java.util.Set<String> allowRemoval) throws Exception {
    return generate(yaml, new io.github.backupcatalogue.change.RemovalOptions(allowRemoval, java.util.Set.of()));
  }

  private BackupCatalogue.Result generate(String yaml, io.github.backupcatalogue.change.RemovalOptions options) throws Exception {
    Path catalogue = dir.resolve("backup-catalogue.yaml");
    Files.writeString(catalogue, yaml);
    return BackupCatalogue.generate(catalogue, "backup-catalogue.yaml", dir.resolve("out"), null, false, options);
  }

  @Test
  void regeneratingAnUnchangedCatalogueRewritesNoFile() throws Exception {
    var first = generate(Catalogues.ORGANIZATION);
    assertThat(first.written().orElseThrow().written()).isNotEmpty();
    Path vaults = dir.resolve("out/accounts/app/vaults.tf");
    FileTime old = FileTime.fromMillis(1_000_000_000L);
    Files.setLastModifiedTime(vaults, old);
    var second = generate(Catalogues.ORGANIZATION);
    assertThat(second.written().orElseThrow().written()).isEmpty();
    assertThat(second.written().orElseThrow().deleted()).isEmpty();
    assertThat(Files.getLastModifiedTime(vaults)).isEqualTo(old);
  }

  @Test
  void aRemovedAccountsModuleDisappearsButAUsersFileSurvives() throws Exception {
    String twoAccounts = Catalogues.ORGANIZATION.replace(
        "    app: {id: \"345678901234\", ou: workloads, regions: [eu-west-1]}\n",
        "    app: {id: \"345678901234\", ou: workloads, regions: [eu-west-1]}\n"
            + "    app2: {id: \"456789012345\", ou: workloads, regions: [eu-west-1]}\n");
    generate(twoAccounts);
    assertThat(dir.resolve("out/accounts/app2/vaults.tf")).exists();
    Path mine = dir.resolve("out/accounts/app/backend.tf");
    Files.writeString(mine, "terraform {}\n");
    Path mineInRemoved = dir.resolve("out/notes.txt");
    Files.writeString(mineInRemoved, "my notes\n");

    // never silently: without a decommission or allowRemoval the run fails and changes nothing
    var refused = generate(Catalogues.ORGANIZATION);
    assertThat(refused.written()).isEmpty();
    assertThat(refused.diagnostics().errors()).extracting(d -> d.code()).containsExactly("BC270");
    assertThat(dir.resolve("out/accounts/app2/vaults.tf")).exists();
    // allowed: first a decommission stub (vaults.tf and kms.tf go, their resources are forgotten), then, removeStubs, nothing
    var stubbed = generate(Catalogues.ORGANIZATION, java.util.Set.of("app2"));
    assertThat(stubbed.written().orElseThrow().deleted()).contains("accounts/app2/vaults.tf", "accounts/app2/kms.tf");
    assertThat(dir.resolve("out/accounts/app2/decommission.tf")).exists();
    var result = generate(Catalogues.ORGANIZATION,
        new io.github.backupcatalogue.change.RemovalOptions(java.util.Set.of(), java.util.Set.of("app2")));
    assertThat(result.written().orElseThrow().deleted()).contains("accounts/app2/decommission.tf", "accounts/app2/versions.tf");
    assertThat(dir.resolve("out/accounts/app2")).doesNotExist();
    assertThat(mine).hasContent("terraform {}");
    assertThat(mineInRemoved).hasContent("my notes");
  }

  @Test
  void aUsersFileWhereAGeneratedFileGoesStopsTheRunBeforeAnyWrite() throws Exception {
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("policies"));
    Files.writeString(out.resolve("policies/policies.tf"), "# mine\n");
    assertThatThrownBy(() -> generate(Catalogues.ORGANIZATION)).isInstanceOf(UnsafeOutputException.class)
        .hasMessageContaining("exists but was not written by backup-catalogue");
    assertThat(out.resolve("policies/policies.tf")).hasContent("# mine");
    assertThat(out.resolve("apply-order.json")).doesNotExist();
  }

  @Test
  void pathsThatWouldLeaveTheOutputDirectoryAreRefused() {
    for (String bad : new String[] {"../x.tf", "a/../../x.tf", "/etc/passwd", "a//b", "a\\b"}) {
      var files = new TreeMap<String, String>();
      files.put(bad, "x");
      assertThatThrownBy(() -> OutputWriter.write(dir.resolve("out"), files)).as(bad).isInstanceOf(UnsafeOutputException.class);
    }
    assertThat(dir.resolve("x.tf")).doesNotExist();
  }

  @Test
  void anInvalidCatalogueWritesNothing() throws Exception {
    var result = generate(Catalogues.ORGANIZATION.replace("plans: [Daily]", "plans: [Dialy]"));
    assertThat(result.diagnostics().hasErrors()).isTrue();
    assertThat(result.written()).isEmpty();
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
