package io.github.backupcatalogue.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.backupcatalogue.BackupCatalogue;
import io.github.backupcatalogue.Catalogues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's writing failures, one minimal reproducer each: symbolic links, refusals after a write,
 * a failed write or a crash at any step, leftovers of an interrupted run, and the no-op rerun.
 */
class AtomicOutputTest {

  static final String TWO_ACCOUNTS = Catalogues.ORGANIZATION.replace(
      "    app: {id: \"345678901234\", ou: workloads, regions: [eu-west-1]}\n",
      "    app: {id: \"345678901234\", ou: workloads, regions: [eu-west-1]}\n"
          + "    app2: {id: \"456789012345\", ou: workloads, regions: [eu-west-1]}\n");
  /** Drops app2 (deletions) and adds a tag (every providers.tf changes). */
  static final String CHANGED = Catalogues.ORGANIZATION.replace("settings:", "deployment:\n  tags: {team: platform}\nsettings:");

  @TempDir
  Path dir;

  @AfterEach
  void noHook() {
    OutputWriter.hook = what -> {};
  }

  private Path out() {
    return dir.resolve("out");
  }

  private BackupCatalogue.Result generate(String yaml) throws Exception {
    return generate(yaml, null);
  }

  private BackupCatalogue.Result generate(String yaml, Path templates) throws Exception {
    Path catalogue = dir.resolve("backup-catalogue.yaml");
    Files.writeString(catalogue, yaml);
    // app2 leaves in several tests: allowed, it becomes a decommission stub (what is deleted: its other files)
    return BackupCatalogue.generate(catalogue, "backup-catalogue.yaml", out(), templates, false,
        new io.github.backupcatalogue.change.RemovalOptions(java.util.Set.of("app2"), java.util.Set.of()));
  }

  /** Every file below out/, the generator's bookkeeping directories aside. */
  private SortedMap<String, String> tree() throws IOException {
    SortedMap<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out())) {
      for (Path p : walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
        String relative = out().relativize(p).toString();
        if (!relative.startsWith(OutputWriter.STAGING) && !relative.equals(OutputWriter.JOURNAL)) {
          files.put(relative, Files.readString(p));
        }
      }
    }
    return files;
  }

  private SortedMap<String, String> generatedFiles(SortedMap<String, String> tree) {
    SortedMap<String, String> generated = new TreeMap<>(tree);
    generated.remove(OutputWriter.MANIFEST); // its timestamps differ between runs
    return generated;
  }

  @Test
  void aManifestThatIsASymbolicLinkIsNeitherReadNorWrittenThrough() throws Exception {
    generate(Catalogues.ORGANIZATION);
    Path elsewhere = dir.resolve("elsewhere");
    Files.move(out().resolve(OutputWriter.MANIFEST), elsewhere);
    Files.createSymbolicLink(out().resolve(OutputWriter.MANIFEST), elsewhere);
    String outside = Files.readString(elsewhere);
    var before = tree();

    assertThatThrownBy(() -> generate(CHANGED)).isInstanceOf(UnsafeOutputException.class).hasMessageContaining("symbolic link");
    assertThat(elsewhere).hasContent(outside);
    assertThat(Files.isSymbolicLink(out().resolve(OutputWriter.MANIFEST))).isTrue();
    assertThat(tree()).isEqualTo(before);
  }

  @Test
  void aFileWhereAGeneratedDirectoryGoesIsRefusedBeforeAnythingIsWritten() throws Exception {
    // Before issue 10 the check looked at files only: README.md, accounts/ and apply-order.json were
    // written, then creating policies/ failed.
    Files.createDirectories(out());
    Files.writeString(out().resolve("policies"), "mine\n");
    assertThatThrownBy(() -> generate(Catalogues.ORGANIZATION)).isInstanceOf(UnsafeOutputException.class)
        .hasMessageContaining("is not a directory");
    try (Stream<Path> list = Files.list(out())) {
      assertThat(list.map(p -> p.getFileName().toString())).containsExactly("policies");
    }
  }

  @Test
  void everyProblemIsReportedTogetherAndTheOldTreeStays() throws Exception {
    generate(Catalogues.ORGANIZATION);
    var before = tree();
    Files.writeString(out().resolve("accounts/app/extra"), "x");
    Files.delete(out().resolve("accounts/central/iam.tf"));
    Files.writeString(out().resolve("accounts/central/iam.tf"), "mine"); // fine: it is listed, so it is ours
    Files.writeString(out().resolve("mine.txt"), "mine");
    Files.createDirectories(out().resolve("accounts/app2"));
    Files.writeString(out().resolve("accounts/app2/vaults.tf"), "mine");
    Files.writeString(out().resolve("accounts/app2/kms.tf"), "mine");
    assertThatThrownBy(() -> generate(TWO_ACCOUNTS)).isInstanceOf(UnsafeOutputException.class)
        .hasMessageContaining("problems").hasMessageContaining("accounts/app2/vaults.tf").hasMessageContaining("accounts/app2/kms.tf");
    var after = tree();
    before.put("accounts/app/extra", "x");
    before.put("accounts/central/iam.tf", "mine");
    before.put("mine.txt", "mine");
    before.put("accounts/app2/vaults.tf", "mine");
    before.put("accounts/app2/kms.tf", "mine");
    assertThat(after).isEqualTo(before);
    assertThat(out().resolve(OutputWriter.STAGING)).doesNotExist();
  }

  @Test
  void aStaleFileBehindASymbolicLinkIsNotDeleted() throws Exception {
    generate(TWO_ACCOUNTS);
    Path elsewhere = dir.resolve("elsewhere");
    Files.move(out().resolve("accounts/app2"), elsewhere);
    Files.createSymbolicLink(out().resolve("accounts/app2"), elsewhere);
    assertThatThrownBy(() -> generate(Catalogues.ORGANIZATION)).isInstanceOf(UnsafeOutputException.class)
        .hasMessageContaining("symbolic link");
    assertThat(elsewhere.resolve("vaults.tf")).exists();
  }

  @Test
  void aModuleDirectoryThatIsASymbolicLinkIsNotWrittenThrough() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.createDirectories(out().resolve("accounts"));
    Files.createSymbolicLink(out().resolve("accounts/app"), elsewhere);
    assertThatThrownBy(() -> generate(Catalogues.ORGANIZATION)).isInstanceOf(UnsafeOutputException.class)
        .hasMessageContaining("symbolic link");
    try (Stream<Path> list = Files.list(elsewhere)) {
      assertThat(list).isEmpty();
    }
  }

  @Test
  void aStagingDirectoryThatIsASymbolicLinkIsRefused() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("keep"), "keep");
    Files.createDirectories(out());
    Files.createSymbolicLink(out().resolve(OutputWriter.STAGING), elsewhere);
    assertThatThrownBy(() -> generate(Catalogues.ORGANIZATION)).isInstanceOf(UnsafeOutputException.class);
    assertThat(elsewhere.resolve("keep")).hasContent("keep");
  }

  @Test
  void stagingLeftByAKilledRunIsDiscardedAndTheNextRunSucceeds() throws Exception {
    generate(Catalogues.ORGANIZATION);
    var before = generatedFiles(tree());
    Path staged = out().resolve(OutputWriter.STAGING).resolve("files/accounts/app/vaults.tf");
    Files.createDirectories(staged.getParent());
    Files.writeString(staged, "half a run");
    var result = generate(Catalogues.ORGANIZATION);
    assertThat(out().resolve(OutputWriter.STAGING)).doesNotExist();
    assertThat(result.written().orElseThrow().written()).isEmpty();
    assertThat(generatedFiles(tree())).isEqualTo(before);
  }

  /** Counts the steps of a run that change the disk. */
  private List<String> steps(String from, String to) throws Exception {
    generate(from);
    List<String> steps = new ArrayList<>();
    OutputWriter.hook = steps::add;
    generate(to);
    OutputWriter.hook = what -> {};
    deleteOut();
    return steps;
  }

  private void deleteOut() throws IOException {
    OutputWriter.deleteTree(out());
  }

  @Test
  void aCrashOrFailedWriteAtAnyStepLeavesTheOldOrTheNewTreeAndTheNextRunCompletes() throws Exception {
    generate(TWO_ACCOUNTS);
    generate(CHANGED); // app2's module becomes a decommission stub
    var newTree = generatedFiles(tree());
    deleteOut();
    generate(TWO_ACCOUNTS);
    var oldTree = generatedFiles(tree());
    deleteOut();
    List<String> steps = steps(TWO_ACCOUNTS, CHANGED);
    assertThat(steps).contains("commit", "manifest").anyMatch(s -> s.startsWith("delete "))
        .anyMatch(s -> s.startsWith("rename "));
    int old = 0;
    int rolledForward = 0;
    for (int k = 0; k < steps.size(); k++) {
      { // a crash (nothing cleans up) at even steps, a failed write (exception, close() runs) at odd ones
        boolean kill = k % 2 == 0;
        generate(TWO_ACCOUNTS);
        Files.writeString(out().resolve("accounts/app2/terraform.tfstate"), "{}");
        Files.createDirectories(out().resolve("accounts/app/.terraform"));
        Files.writeString(out().resolve("accounts/app/.terraform/lock"), "x");
        int crashAt = k;
        int[] seen = {0};
        OutputWriter.hook = what -> {
          if (seen[0]++ == crashAt) {
            if (kill) {
              throw new Error("killed at " + what);
            }
            throw new IOException("disk full at " + what);
          }
        };
        assertThatThrownBy(() -> generate(CHANGED)).as("step %d", k).isInstanceOf(kill ? Error.class : IOException.class);
        OutputWriter.hook = what -> {};
        boolean committed = Files.exists(out().resolve(OutputWriter.JOURNAL));
        var seenByReader = generatedFiles(tree());
        seenByReader.remove("accounts/app2/terraform.tfstate");
        seenByReader.remove("accounts/app/.terraform/lock");
        if (!committed) {
          assertThat(seenByReader).as("step %d: no journal, so the old or the finished new tree", k).isIn(oldTree, newTree);
        }
        OutputWriter.recover(out());
        var recovered = generatedFiles(tree());
        recovered.remove("accounts/app2/terraform.tfstate");
        recovered.remove("accounts/app/.terraform/lock");
        assertThat(recovered).as("step %d after recovery", k).isIn(oldTree, newTree);
        if (recovered.equals(oldTree)) {
          old++;
        } else {
          rolledForward++;
        }
        assertThat(out().resolve("accounts/app2/terraform.tfstate")).hasContent("{}");
        assertThat(out().resolve("accounts/app/.terraform/lock")).hasContent("x");
        generate(CHANGED);
        var next = generatedFiles(tree());
        next.remove("accounts/app2/terraform.tfstate");
        next.remove("accounts/app/.terraform/lock");
        assertThat(next).as("step %d: the next run", k).isEqualTo(newTree);
        assertThat(out().resolve(OutputWriter.STAGING)).doesNotExist();
        deleteOut();
      }
    }
    assertThat(old).isPositive();
    assertThat(rolledForward).isPositive();
  }

  @Test
  void aNoOpRerunSkipsRenderingButAnEditedOrRemovedFileIsRestored() throws Exception {
    var first = generate(Catalogues.ORGANIZATION);
    assertThat(first.written().orElseThrow().upToDate()).isFalse();
    var second = generate(Catalogues.ORGANIZATION);
    assertThat(second.written().orElseThrow().upToDate()).isTrue();
    assertThat(second.written().orElseThrow().unchanged()).hasSize(first.written().orElseThrow().written().size());
    var expected = generatedFiles(tree());

    Path vaults = out().resolve("accounts/app/vaults.tf");
    String original = Files.readString(vaults);
    // Same size, so only the content hash can tell.
    Files.writeString(vaults, original.replace("prevent_destroy = true", "prevent_destroy = tru3"));
    var third = generate(Catalogues.ORGANIZATION);
    assertThat(third.written().orElseThrow().upToDate()).isFalse();
    assertThat(third.written().orElseThrow().written()).containsExactly("accounts/app/vaults.tf");
    assertThat(vaults).hasContent(original.stripTrailing());

    Files.delete(out().resolve("policies/policies.tf"));
    assertThat(generate(Catalogues.ORGANIZATION).written().orElseThrow().written()).containsExactly("policies/policies.tf");
    assertThat(generatedFiles(tree())).isEqualTo(expected);
  }

  @Test
  void aNoOpRerunRepeatsTheWarnings() throws Exception {
    String warns = Catalogues.ORGANIZATION.replace("resource_types: [RDS]", "resource_types: [S3]");
    var first = generate(warns);
    assertThat(first.diagnostics().warnings()).isNotEmpty();
    var second = generate(warns);
    assertThat(second.written().orElseThrow().upToDate()).isTrue();
    assertThat(second.diagnostics().format()).isEqualTo(first.diagnostics().format());
    Path catalogue = dir.resolve("backup-catalogue.yaml");
    var failing = BackupCatalogue.generate(catalogue, "backup-catalogue.yaml", out(), null, true);
    assertThat(failing.written()).isEmpty();
  }

  @Test
  void aChangedTemplateIsNotANoOp() throws Exception {
    Path templates = Files.createDirectories(dir.resolve("templates"));
    generate(Catalogues.ORGANIZATION, templates);
    Files.writeString(templates.resolve("versions.tf.ftl"), "# mine\n");
    var result = generate(Catalogues.ORGANIZATION, templates);
    assertThat(result.written().orElseThrow().upToDate()).isFalse();
    assertThat(out().resolve("accounts/app/versions.tf")).hasContent("# mine");
  }

  @Test
  void aManifestOfTheFirstFormatIsStillHonoured() throws Exception {
    generate(TWO_ACCOUNTS);
    var v1 = new StringBuilder();
    for (String line : Files.readAllLines(out().resolve(OutputWriter.MANIFEST))) {
      if (!line.startsWith("#")) {
        v1.append(line, 0, line.indexOf('\t')).append('\n');
      }
    }
    Files.writeString(out().resolve(OutputWriter.MANIFEST), v1);
    var result = generate(Catalogues.ORGANIZATION);
    assertThat(result.written().orElseThrow().deleted()).contains("accounts/app2/vaults.tf");
    assertThat(Files.readString(out().resolve(OutputWriter.MANIFEST))).startsWith(Manifest.HEADER);
  }
}
