package io.github.backupcatalogue.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/plugin.md} what the plugin descriptor says. The page is written to
 * {@code target/plugin.md} on every build; {@code -Dbackupcatalogue.updateDocs} (or a missing page)
 * also writes {@code docs/plugin.md}, and otherwise a stale page fails the build.
 */
class PluginDocsTest {

  @Test
  void docsPageMatchesTheDescriptor() throws Exception {
    Path descriptor = Path.of("target/classes/META-INF/maven/plugin.xml");
    assertThat(descriptor).as("maven-plugin-plugin writes the descriptor before the tests run").isRegularFile();
    String page = PluginDocs.markdown(descriptor);
    assertThat(page).contains("## backup-catalogue:validate", "## backup-catalogue:generate", "`backup-catalogue.catalogue`");
    Files.writeString(Path.of("target/plugin.md"), page);
    Path docs = Path.of(System.getProperty("backupcatalogue.repoRoot", ".."), "docs", "plugin.md");
    if (Boolean.getBoolean("backupcatalogue.updateDocs") || !Files.exists(docs)) {
      Files.createDirectories(docs.getParent());
      Files.writeString(docs, page);
    }
    assertThat(Files.readString(docs)).as("docs/plugin.md is stale; run ./mvnw -pl maven-plugin test "
        + "-Dtest=PluginDocsTest -Dbackupcatalogue.updateDocs and commit it").isEqualTo(page);
  }
}
