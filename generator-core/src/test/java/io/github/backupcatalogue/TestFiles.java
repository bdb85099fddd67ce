package io.github.backupcatalogue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Paths of the repository and the samples, for tests. */
public final class TestFiles {

  private TestFiles() {}

  public static Path repoRoot() {
    String configured = System.getProperty("backupcatalogue.repoRoot");
    return (configured != null ? Path.of(configured) : Path.of("..")).toAbsolutePath().normalize();
  }

  public static Path sample(String name) {
    return repoRoot().resolve("samples").resolve(name).resolve("backup-catalogue.yaml");
  }

  public static List<String> sampleNames() {
    try (Stream<Path> dirs = Files.list(repoRoot().resolve("samples"))) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("backup-catalogue.yaml")))
          .map(d -> d.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path golden(String name) {
    return repoRoot().resolve("generator-core/src/test/resources/golden").resolve(name);
  }

  /** Every file below a directory, by relative path with / separators. */
  public static SortedMap<String, String> readTree(Path root) {
    SortedMap<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
