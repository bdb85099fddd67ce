package io.github.backupcatalogue.maven;

import io.github.backupcatalogue.effective.PolicyFiles;
import io.github.backupcatalogue.plan.Json;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints the effective policy AWS Organizations computes from management policy JSON files
 * (backup, tag, ...), following AWS's inheritance operators: give the root's policy first, then
 * each OU's down the path to the account, then the account's own. A change a parent does not allow
 * is ignored, as AWS does, and logged as a warning (BC340) at its line; a file that is not JSON
 * fails the build (BC290).
 *
 * @since 0.3.0
 */
@Mojo(name = "effective-policy", threadSafe = true, requiresProject = false)
public class EffectivePolicyMojo extends AbstractMojo {

  /**
   * The policy files, comma-separated, top first: root, then each OU, then the account.
   *
   * @since 0.3.0
   */
  @Parameter(property = "backup-catalogue.policies", required = true)
  List<File> policies;

  /**
   * Also write the effective policy to this file.
   *
   * @since 0.3.0
   */
  @Parameter(property = "backup-catalogue.effectivePolicyFile")
  File effectivePolicyFile;

  /**
   * Fail the build when a change is ignored, too.
   *
   * @since 0.3.0
   */
  @Parameter(property = "backup-catalogue.failOnWarnings", defaultValue = "false")
  boolean failOnWarnings;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    List<Path> files = new ArrayList<>();
    for (File policy : policies) {
      if (!policy.isFile()) {
        throw new MojoExecutionException("No policy file at " + policy + "; list them in -Dbackup-catalogue.policies=root.json,ou.json,account.json");
      }
      files.add(policy.toPath());
    }
    PolicyFiles.Outcome outcome;
    try {
      outcome = PolicyFiles.compute(files, files.stream().map(Path::toString).toList());
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot read the policies: " + e.getMessage(), e);
    }
    for (String problem : outcome.problems()) {
      if (problem.contains(": error[")) {
        getLog().error(problem);
      } else {
        getLog().warn(problem);
      }
    }
    if (outcome.result().isEmpty()) {
      throw new MojoFailureException("backup-catalogue: a policy file is not valid JSON; see above");
    }
    String effective = Json.pretty(outcome.result().get().effective()) + "\n";
    getLog().info("backup-catalogue: effective policy of " + files.size() + " level(s):\n" + effective);
    if (effectivePolicyFile != null) {
      try {
        File parent = effectivePolicyFile.getAbsoluteFile().getParentFile();
        if (parent != null) {
          Files.createDirectories(parent.toPath());
        }
        Files.writeString(effectivePolicyFile.toPath(), effective, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new MojoExecutionException("Cannot write " + effectivePolicyFile + ": " + e.getMessage(), e);
      }
    }
    if (failOnWarnings && outcome.hasWarnings()) {
      throw new MojoFailureException("backup-catalogue: a policy change is ignored (failOnWarnings); see above");
    }
  }
}
