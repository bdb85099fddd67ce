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
 * output directory. Writes nothing when the catalogue has errors; rewrites only files whose content
 * changed; removes files it generated before and no longer generates; never touches other files.
 * In an IDE's incremental build (Eclipse m2e) it does nothing when neither the catalogue nor the
 * template directory changed, and tells the IDE to refresh the output directory after writing.
 *
 * @since 0.1.0
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractCatalogueMojo {

  /**
   * Where the modules are written.
   *
   * @since 0.1.0
   */
  @Parameter(property = "backup-catalogue.outputDirectory", defaultValue = "${project.build.directory}/backup-catalogue", required = true)
  File outputDirectory;

  /**
   * A directory of templates looked up before the built-in ones: copy only the files you change
   * (e.g. {@code kms.tf.ftl}). Ignored when it does not exist.
   *
   * @since 0.1.0
   */
  @Parameter(property = "backup-catalogue.templateDirectory", defaultValue = "${project.basedir}/src/main/backup-catalogue/templates")
  File templateDirectory;

  /** The IDE's view of what changed (m2e), or the command line's: everything, every time. */
  @Component
  BuildContext buildContext;

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    try {
      var templates = templateDirectory != null && templateDirectory.isDirectory() ? templateDirectory.toPath() : null;
      if (upToDate(templates)) {
        getLog().info("backup-catalogue: " + displayName() + " and the templates are unchanged; " + outputDirectory
            + " is up to date");
        return;
      }
      if (templates != null) {
        getLog().info("backup-catalogue: templates in " + templates + " override the built-in ones");
      }
      var result = BackupCatalogue.generate(catalogue.toPath(), displayName(), outputDirectory.toPath(), templates, failOnWarnings);
      report(result.diagnostics(), "nothing was generated");
      var written = result.written().orElseThrow();
      getLog().info("backup-catalogue: " + written.written().size() + " file(s) written, " + written.unchanged().size()
          + " unchanged, " + written.deleted().size() + " removed, in " + outputDirectory);
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
