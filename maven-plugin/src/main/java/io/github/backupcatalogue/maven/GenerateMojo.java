package io.github.backupcatalogue.maven;

import io.github.backupcatalogue.BackupCatalogue;
import io.github.backupcatalogue.render.RenderException;
import io.github.backupcatalogue.write.UnsafeOutputException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * Validates the backup catalogue, then writes one Terraform root module per account into the
 * output directory ({@code terraform/backup-catalogue}, committed). Writes nothing when the catalogue
 * has errors; rewrites only files whose content changed; removes files it generated before and no
 * longer generates, but never a whole module silently (BC270: see {@code organization.decommissioned}
 * and {@code allowRemoval}); never touches other files. Logs what changed, module by module, and
 * writes it to {@code catalogue-changes.md}.
 * In an IDE's incremental build (Eclipse m2e) it does nothing when neither the catalogue nor the
 * template directory changed, and tells the IDE to refresh the output directory after writing.
 *
 * @since 0.1.0
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractOutputMojo {

  /**
   * Where the change report ({@code catalogue-changes.md}: per module, the files added, changed and
   * removed, and in words what changed for each account) is written, for a pipeline to post on the
   * pull request. It is outside the output directory on purpose: it describes one run, so keeping it
   * there would change the output on every rerun.
   *
   * @since 0.3.0
   */
  @Parameter(property = "backup-catalogue.changesFile", defaultValue = "${project.build.directory}/catalogue-changes.md")
  File changesFile;

  /** The IDE's view of what changed (m2e), or the command line's: everything, every time. */
  @Component
  BuildContext buildContext;

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    try {
      var templates = templates();
      if (upToDate(templates)) {
        getLog().info("backup-catalogue: " + displayName() + " and the templates are unchanged; " + outputDirectory
            + " is up to date");
        return;
      }
      if (templates != null) {
        getLog().info("backup-catalogue: templates in " + templates + " override the built-in ones");
      }
      var result = BackupCatalogue.generate(catalogue.toPath(), displayName(), outputDirectory.toPath(), templates, failOnWarnings,
          removalOptions());
      report(result.diagnostics(), "nothing was generated");
      var written = result.written().orElseThrow();
      getLog().info("backup-catalogue: " + written.written().size() + " file(s) written, " + written.unchanged().size()
          + " unchanged, " + written.deleted().size() + " removed, in " + outputDirectory);
      reportChanges(result.changes().orElseThrow(), changesFile);
      if (buildContext != null) {
        buildContext.refresh(outputDirectory);
      }
    } catch (UnsafeOutputException e) {
      throw new MojoFailureException("backup-catalogue: nothing was written: " + e.getMessage(), e);
    } catch (RenderException e) {
      throw new MojoExecutionException("backup-catalogue: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException("backup-catalogue: cannot read or write files: " + e.getMessage(), e);
    }
  }

  /** Only in an incremental IDE build: the output exists and no input changed since it was written. */
  private boolean upToDate(Path templates) {
    return buildContext != null && buildContext.isIncremental() && outputDirectory.isDirectory()
        && !buildContext.hasDelta(catalogue) && (templates == null || !buildContext.hasDelta(templates.toFile()));
  }
}
