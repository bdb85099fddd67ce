package io.github.backupcatalogue.maven;

import io.github.backupcatalogue.load.JsonSchemas;
import io.github.backupcatalogue.plan.Json;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the catalogue's JSON Schema (derived from the same records the loader binds, with a
 * description, default, pattern or range and an example for every key) next to the catalogue, so
 * an editor can check the catalogue as it is typed: put
 * {@code # yaml-language-server: $schema=backup-catalogue.schema.json} on its first line. The same
 * schema is in the plugin's jar at {@code META-INF/backup-catalogue/backup-catalogue.schema.json}.
 *
 * @since 0.2.0
 */
@Mojo(name = "schema", threadSafe = true, requiresProject = false)
public class SchemaMojo extends AbstractMojo {

  /**
   * Where the schema is written.
   *
   * @since 0.2.0
   */
  @Parameter(property = "backup-catalogue.schemaFile", defaultValue = "${basedir}/backup-catalogue.schema.json", required = true)
  File schemaFile;

  @Override
  public void execute() throws MojoExecutionException {
    try {
      File parent = schemaFile.getAbsoluteFile().getParentFile();
      if (parent != null) {
        Files.createDirectories(parent.toPath());
      }
      Files.writeString(schemaFile.toPath(), Json.pretty(JsonSchemas.catalogue()) + "\n", StandardCharsets.UTF_8);
      getLog().info("backup-catalogue: wrote the catalogue's JSON Schema to " + schemaFile);
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot write " + schemaFile + ": " + e.getMessage(), e);
    }
  }
}
