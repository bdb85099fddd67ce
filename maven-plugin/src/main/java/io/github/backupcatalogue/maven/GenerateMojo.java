package io.github.backupcatalogue.maven;

import io.github.backupcatalogue.BackupCatalogue;
import io.github.backupcatalogue.render.RenderException;
import io.github.backupcatalogue.write.UnsafeOutputException;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Validates the backup catalogue, then writes one Terraform root module per account into the
 * output directory. Writes nothing when the catalogue has errors; rewrites only files whose content
 * changed; removes files it generated before and no longer generates; never touches other files.
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

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    try {
      var templates = templateDirectory != null && templateDirectory.isDirectory() ? templateDirectory.toPath() : null;
      if (templates != null) {
        getLog().info("backup-catalogue: templates in " + templates + " override the built-in ones");
      }
      var result = BackupCatalogue.generate(catalogue.toPath(), displayName(), outputDirectory.toPath(), templates, failOnWarnings);
      report(result.diagnostics(), "nothing was generated");
      var written = result.written().orElseThrow();
      getLog().info("backup-catalogue: " + written.written().size() + " file(s) written, " + written.unchanged().size()
          + " unchanged, " + written.deleted().size() + " removed, in " + outputDirectory);
    } catch (UnsafeOutputException e) {
      throw new MojoFailureException("backup-catalogue: nothing was written: " + e.getMessage(), e);
    } catch (RenderException e) {
      throw new MojoExecutionException("backup-catalogue: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException("backup-catalogue: cannot read or write files: " + e.getMessage(), e);
    }
  }
}
