package io.github.backupcatalogue.maven;

import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.Diagnostics;
import java.io.File;
import java.nio.file.Files;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What the goals share: the catalogue file, skip, and how diagnostics reach the build log. */
abstract class AbstractCatalogueMojo extends AbstractMojo {

  /**
   * The catalogue to read.
   *
   * @since 0.1.0
   */
  @Parameter(property = "backup-catalogue.catalogue", defaultValue = "${project.basedir}/backup-catalogue.yaml", required = true)
  File catalogue;

  /**
   * Skip the goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = "backup-catalogue.skip", defaultValue = "false")
  boolean skip;

  /**
   * Fail the build on warnings too, not only on errors.
   *
   * @since 0.1.0
   */
  @Parameter(property = "backup-catalogue.failOnWarnings", defaultValue = "false")
  boolean failOnWarnings;

  /** The project directory, to print catalogue paths relative to it. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  File basedir;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("backup-catalogue: skipped (backup-catalogue.skip)");
      return;
    }
    if (!Files.isRegularFile(catalogue.toPath())) {
      throw new MojoFailureException("No backup catalogue at " + catalogue + "; create it or set backup-catalogue.catalogue.");
    }
    run();
  }

  /** The goal itself, once the catalogue is known to exist and the goal is not skipped. */
  abstract void run() throws MojoExecutionException, MojoFailureException;

  String displayName() {
    try {
      return basedir.toPath().toAbsolutePath().relativize(catalogue.toPath().toAbsolutePath()).toString();
    } catch (IllegalArgumentException e) {
      return catalogue.getPath();
    }
  }

  /** Logs every diagnostic; fails (bad input, not a broken build) on errors, or warnings if asked. */
  void report(Diagnostics diagnostics) throws MojoFailureException {
    for (Diagnostic d : diagnostics.all()) {
      String text = d.format(diagnostics.source()).stripTrailing();
      if (d.severity() == io.github.backupcatalogue.diagnostics.Severity.ERROR) {
        getLog().error(text);
      } else {
        getLog().warn(text);
      }
    }
    boolean fail = diagnostics.hasErrors() || (failOnWarnings && !diagnostics.warnings().isEmpty());
    if (fail) {
      throw new MojoFailureException("The backup catalogue has problems (" + diagnostics.summary()
          + "); nothing was generated. Fix them as each message says and run again.");
    }
    if (!diagnostics.all().isEmpty()) {
      getLog().info(diagnostics.summary());
    }
  }
}
