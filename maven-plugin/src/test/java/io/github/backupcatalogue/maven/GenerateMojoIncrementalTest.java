package io.github.backupcatalogue.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.build.incremental.BuildContext;

/** The generate goal in an IDE's incremental build: skips when nothing changed, refreshes its output. */
class GenerateMojoIncrementalTest {

  @TempDir
  Path dir;

  private final List<String> calls = new ArrayList<>();

  private BuildContext context(boolean incremental, boolean delta) {
    return (BuildContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BuildContext.class},
        (proxy, method, args) -> {
          calls.add(method.getName() + (args == null ? "" : "(" + ((File) args[0]).getName() + ")"));
          return switch (method.getName()) {
            case "isIncremental" -> incremental;
            case "hasDelta" -> delta;
            default -> null;
          };
        });
  }

  private GenerateMojo mojo(BuildContext context) throws Exception {
    Path catalogue = dir.resolve("backup-catalogue.yaml");
    Files.copy(Path.of("src/it/happy-path/backup-catalogue.yaml"), catalogue);
    GenerateMojo mojo = new GenerateMojo();
    mojo.catalogue = catalogue.toFile();
    mojo.basedir = dir.toFile();
    mojo.format = "text";
    mojo.outputDirectory = dir.resolve("out").toFile();
    mojo.templateDirectory = dir.resolve("templates").toFile();
    mojo.buildContext = context;
    return mojo;
  }

  @Test
  void aFullBuildGeneratesAndRefreshesTheOutput() throws Exception {
    GenerateMojo mojo = mojo(context(false, false));
    mojo.execute();
    assertThat(dir.resolve("out")).isDirectoryContaining(p -> p.getFileName().toString().equals(".backup-catalogue-manifest")
        || Files.isDirectory(p));
    assertThat(calls).contains("refresh(out)");
  }

  @Test
  void anIncrementalBuildWithoutChangesDoesNothing() throws Exception {
    GenerateMojo mojo = mojo(context(true, false));
    Files.createDirectories(dir.resolve("out"));
    mojo.execute();
    assertThat(dir.resolve("out")).isEmptyDirectory();
    assertThat(calls).contains("hasDelta(backup-catalogue.yaml)").doesNotContain("refresh(out)");
  }

  @Test
  void anIncrementalBuildAfterACatalogueChangeGenerates() throws Exception {
    GenerateMojo mojo = mojo(context(true, true));
    Files.createDirectories(dir.resolve("out"));
    mojo.execute();
    assertThat(dir.resolve("out")).isNotEmptyDirectory();
    assertThat(calls).contains("refresh(out)");
  }
}
