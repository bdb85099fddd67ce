package io.github.backupcatalogue.maven;

import io.github.backupcatalogue.BackupCatalogue;
import io.github.backupcatalogue.render.RenderException;
import io.github.backupcatalogue.write.UnsafeOutputException;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The dry run of {@code generate}: validates the catalogue, renders in memory and compares with the
 * output directory as last generated (the committed one, not AWS), then logs per module the files
 * that would be added, changed and removed, and in words what changes for each account: plans
 * gained or lost, schedules, retention, cold storage, copy targets, vaults and locks, who may copy
 * in. Writes nothing to the output directory; fails as generate would (errors, or BC270 when a
 * module would disappear). Bound to no phase: {@code mvn backup-catalogue:plan}; needs no
 * {@code pom.xml}.
 *
 * @since 0.3.0
 */
@Mojo(name = "plan", threadSafe = true, requiresProject = false)
public class PlanMojo extends AbstractOutputMojo {

  /**
   * Also write the report as Markdown to this file (e.g. {@code target/catalogue-changes.md}, for a
   * pipeline to post on the pull request). Not set: the plan writes no file at all.
   *
   * @since 0.3.0
   */
  @Parameter(property = "backup-catalogue.changesFile")
  File changesFile;

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    try {
      var result = BackupCatalogue.plan(catalogue.toPath(), displayName(), outputDirectory.toPath(), templates(), failOnWarnings,
          removalOptions());
      report(result.diagnostics(), "nothing was planned");
      getLog().info("backup-catalogue: plan against " + outputDirectory + " (nothing written)");
      reportChanges(result.changes().orElseThrow(), changesFile);
    } catch (UnsafeOutputException e) {
      throw new MojoFailureException("backup-catalogue: cannot read the output directory: " + e.getMessage(), e);
    } catch (RenderException e) {
      throw new MojoExecutionException("backup-catalogue: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException("backup-catalogue: cannot read files: " + e.getMessage(), e);
    }
  }
}
