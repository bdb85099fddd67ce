package io.github.backupcatalogue.maven;

import io.github.backupcatalogue.BackupCatalogue;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Checks the backup catalogue and reports every problem with its file, line and column; writes
 * nothing. This is what a compliance pull request runs: {@code mvn backup-catalogue:validate}.
 * It needs no {@code pom.xml}: outside a project it reads {@code backup-catalogue.yaml} in the
 * current directory (or {@code -Dbackup-catalogue.catalogue=...}).
 *
 * @since 0.1.0
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true, requiresProject = false)
public class ValidateMojo extends AbstractCatalogueMojo {

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    try {
      report(BackupCatalogue.validate(catalogue.toPath(), displayName()), null);
      getLog().info("backup-catalogue: " + displayName() + " is valid");
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot read " + catalogue + ": " + e.getMessage(), e);
    }
  }
}
