package io.github.backupcatalogue.maven;

import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.diagnostics.DiagnosticFormat;
import io.github.backupcatalogue.diagnostics.DiagnosticFormats;
import io.github.backupcatalogue.diagnostics.Diagnostics;
import io.github.backupcatalogue.validate.ScheduleReport;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What the goals share: the catalogue file, skip, and how diagnostics reach the build log or a report. */
abstract class AbstractCatalogueMojo extends AbstractMojo {

  /**
   * The catalogue to read.
   *
   * @since 0.1.0
   */
  @Parameter(property = "backup-catalogue.catalogue", defaultValue = "${basedir}/backup-catalogue.yaml", required = true)
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

  /**
   * How problems are reported: {@code text} (the build log, for people), {@code json},
   * {@code github} (GitHub Actions annotations, shown inline in a pull request) or {@code sarif}
   * (SARIF 2.1.0, for code scanning). The machine-readable formats go to {@link #reportFile}, or to
   * standard output unprefixed when it is not set (GitHub reads annotations only at a line's start).
   *
   * @since 0.2.0
   */
  @Parameter(property = "backup-catalogue.format", defaultValue = "text")
  String format;

  /**
   * Where the {@code json}, {@code github} or {@code sarif} report is written (e.g.
   * {@code target/backup-catalogue.sarif} for code scanning's upload step); standard output when
   * not set. Ignored for {@code text}.
   *
   * @since 0.2.0
   */
  @Parameter(property = "backup-catalogue.reportFile")
  File reportFile;

  /**
   * Also log the next three runs of every rule's schedule, in UTC and in the rule's time zone.
   *
   * @since 0.2.0
   */
  @Parameter(property = "backup-catalogue.verbose", defaultValue = "false")
  boolean verbose;

  /** The project directory (the current one outside a project), to print catalogue paths relative to it. */
  @Parameter(defaultValue = "${basedir}", readonly = true, required = true)
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
    try {
      DiagnosticFormat.of(format);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException("backup-catalogue.format: " + e.getMessage());
    }
    run();
  }

  private void writeReport(String report) throws MojoExecutionException {
    if (reportFile == null) {
      System.out.print(report);
      System.out.flush();
      return;
    }
    try {
      Path path = reportFile.toPath();
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      Files.writeString(path, report);
      getLog().info("backup-catalogue: " + format + " report written to " + reportFile);
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot write " + reportFile + ": " + e.getMessage(), e);
    }
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

  /**
   * True the first time this build reports these diagnostics for this catalogue's content; false
   * when another goal of this plugin (e.g. validate, then generate) already did in this project.
   * The plugin context is shared by the plugin's executions within one project and one build; the
   * key is the catalogue's path, a hash of its content and of the diagnostics, and the output options.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  boolean firstReport(Diagnostics diagnostics) {
    Map context = getPluginContext();
    if (context == null) {
      return true;
    }
    String key = "backup-catalogue.reported:" + catalogue.getAbsolutePath() + ":" + format + ":"
        + (reportFile == null ? "" : reportFile.getAbsolutePath()) + ":" + verbose + ":"
        + contentHash(diagnostics);
    synchronized (context) {
      return context.put(key, Boolean.TRUE) == null;
    }
  }

  private static String contentHash(Diagnostics diagnostics) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(diagnostics.source().text().getBytes(StandardCharsets.UTF_8));
      for (Diagnostic d : diagnostics.all()) {
        sha.update((byte) 0);
        sha.update(d.format(diagnostics.source()).getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /**
   * Logs every diagnostic (or writes them in {@link #format}) and, when {@link #verbose}, the next
   * runs of each schedule; fails (bad input, not a broken build) on errors, or warnings if asked.
   * Diagnostics another goal already reported in this build for the same content are not repeated.
   * {@code failure} ends the failure message: what the goal did not do.
   */
  void report(Diagnostics diagnostics, String failure) throws MojoExecutionException, MojoFailureException {
    if (!firstReport(diagnostics)) {
      if (!diagnostics.all().isEmpty()) {
        getLog().info("backup-catalogue: " + diagnostics.summary() + " (reported above by an earlier goal of this build)");
      }
      failIfNeeded(diagnostics, failure);
      return;
    }
    DiagnosticFormat chosen = DiagnosticFormat.of(format);
    if (chosen != DiagnosticFormat.TEXT) {
      writeReport(DiagnosticFormats.format(diagnostics, chosen));
    }
    if (verbose) {
      try {
        ScheduleReport.lines(catalogue.toPath(), displayName(), Clock.systemUTC())
            .forEach(line -> getLog().info("backup-catalogue: next runs of " + line));
      } catch (IOException e) {
        throw new MojoExecutionException("Cannot read " + catalogue + ": " + e.getMessage(), e);
      }
    }
    // the log shows the text too unless the report itself went to standard output
    boolean logText = chosen == DiagnosticFormat.TEXT || reportFile != null;
    for (Diagnostic d : logText ? diagnostics.all() : List.<Diagnostic>of()) {
      String text = d.format(diagnostics.source()).stripTrailing();
      if (d.severity() == io.github.backupcatalogue.diagnostics.Severity.ERROR) {
        getLog().error(text);
      } else if (d.severity() == io.github.backupcatalogue.diagnostics.Severity.NOTE) {
        getLog().info(text);
      } else {
        getLog().warn(text);
      }
    }
    failIfNeeded(diagnostics, failure);
    if (!diagnostics.all().isEmpty()) {
      getLog().info(diagnostics.summary());
    }
  }

  private void failIfNeeded(Diagnostics diagnostics, String failure) throws MojoFailureException {
    boolean fail = diagnostics.hasErrors() || (failOnWarnings && !diagnostics.warnings().isEmpty());
    if (fail) {
      throw new MojoFailureException("The backup catalogue has problems (" + diagnostics.summary() + ")"
          + (failure == null ? "" : "; " + failure) + ". Fix them as each message says and run again.");
    }
  }
}
