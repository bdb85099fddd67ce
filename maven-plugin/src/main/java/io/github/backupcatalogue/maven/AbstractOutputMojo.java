package io.github.backupcatalogue.maven;

import io.github.backupcatalogue.change.ChangeReport;
import io.github.backupcatalogue.change.RemovalOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

/** What generate and plan share: the output directory, templates, removals and the change report. */
abstract class AbstractOutputMojo extends AbstractCatalogueMojo {

  /**
   * Where the modules are written: by default {@code terraform/backup-catalogue} in the project,
   * outside {@code target/}, so that {@code mvn clean} keeps it (and any local state) and it is
   * committed and reviewed with the catalogue. Set it to {@code ${project.build.directory}/backup-catalogue}
   * for the location of earlier releases.
   *
   * @since 0.1.0
   */
  @Parameter(property = "backup-catalogue.outputDirectory", defaultValue = "${project.basedir}/terraform/backup-catalogue", required = true)
  File outputDirectory;

  /**
   * A directory of templates looked up before the built-in ones: copy only the files you change
   * (e.g. {@code kms.tf.ftl}). Ignored when it does not exist.
   *
   * @since 0.1.0
   */
  @Parameter(property = "backup-catalogue.templateDirectory", defaultValue = "${project.basedir}/src/main/backup-catalogue/templates")
  File templateDirectory;

  /**
   * Accounts (or module paths, e.g. {@code policies}) whose modules this run may replace by
   * decommission stubs although the catalogue does not decommission them, comma-separated. Without
   * it (or {@code organization.decommissioned}) a module that would disappear fails the build (BC270).
   *
   * @since 0.3.0
   */
  @Parameter(property = "backup-catalogue.allowRemoval")
  String allowRemoval;

  /**
   * Accounts (or module paths) whose decommission stubs this run removes, comma-separated: once the
   * stub has been applied. Stubs not named stay as they are.
   *
   * @since 0.3.0
   */
  @Parameter(property = "backup-catalogue.removeStubs")
  String removeStubs;

  Path templates() {
    return templateDirectory != null && templateDirectory.isDirectory() ? templateDirectory.toPath() : null;
  }

  RemovalOptions removalOptions() {
    return new RemovalOptions(names(allowRemoval), names(removeStubs));
  }

  private static Set<String> names(String commaSeparated) {
    Set<String> names = new TreeSet<>();
    if (commaSeparated != null) {
      Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(names::add);
    }
    return names;
  }

  /** Logs the change report line by line, and writes its Markdown to {@code file} when set. */
  void reportChanges(ChangeReport changes, File file) throws MojoExecutionException {
    for (String line : changes.logLines()) {
      getLog().info("backup-catalogue: " + line);
    }
    if (file == null) {
      return;
    }
    try {
      Path path = file.toPath();
      if (path.toAbsolutePath().getParent() != null) {
        Files.createDirectories(path.toAbsolutePath().getParent());
      }
      Files.writeString(path, changes.markdown(outputName()));
      getLog().info("backup-catalogue: the changes are in " + file);
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private String outputName() {
    try {
      return basedir.toPath().toAbsolutePath().relativize(outputDirectory.toPath().toAbsolutePath()).toString();
    } catch (IllegalArgumentException e) {
      return outputDirectory.getPath();
    }
  }
}
