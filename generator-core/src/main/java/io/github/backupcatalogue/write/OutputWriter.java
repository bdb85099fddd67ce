package io.github.backupcatalogue.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Stage 5, write: puts rendered files into the output directory without losing anything.
 *
 * <ul>
 *   <li>Every path is checked before anything is written: relative, no {@code ..}, no symbolic link
 *       on the way, inside the output directory.
 *   <li>A file the generator did not write before (it is not in the manifest) is never overwritten:
 *       the run stops before writing.
 *   <li>A file is rewritten only when its content differs (as jOOQ's GeneratorWriter), through a
 *       temporary file and an atomic move, so a reader never sees half a file.
 *   <li>Files the generator wrote last time and no longer produces are deleted, and so are the
 *       directories that leaves empty; nothing else is.
 * </ul>
 *
 * The manifest {@value #MANIFEST} lists what the generator wrote, one path per line.
 */
public final class OutputWriter {

  public static final String MANIFEST = ".backup-catalogue-files";

  /** What a run changed, for the build log and the tests. */
  public record Result(List<String> written, List<String> unchanged, List<String> deleted) {
    public Result {
      written = List.copyOf(written);
      unchanged = List.copyOf(unchanged);
      deleted = List.copyOf(deleted);
    }
  }

  private OutputWriter() {}

  public static Result write(Path outputDirectory, SortedMap<String, String> files) throws IOException, UnsafeOutputException {
    Path root = outputDirectory.toAbsolutePath().normalize();
    if (Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      throw new UnsafeOutputException("the output directory " + root + " is a file or a symbolic link");
    }
    TreeSet<String> previous = readManifest(root);
    for (String relative : files.keySet()) {
      Path target = resolve(root, relative);
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !previous.contains(relative)) {
        throw new UnsafeOutputException(target + " exists but was not written by backup-catalogue; move it away "
            + "(the generator never overwrites files it did not write)");
      }
    }
    List<String> written = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (var entry : files.entrySet()) {
      Path target = resolve(root, entry.getKey());
      byte[] content = entry.getValue().getBytes(StandardCharsets.UTF_8);
      if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Arrays.equals(Files.readAllBytes(target), content)) {
        unchanged.add(entry.getKey());
        continue;
      }
      Files.createDirectories(target.getParent());
      Path temporary = Files.createTempFile(target.getParent(), ".backup-catalogue-", ".tmp");
      try {
        Files.write(temporary, content);
        try {
          Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
      written.add(entry.getKey());
    }
    List<String> deleted = new ArrayList<>();
    for (String stale : previous) {
      if (!files.containsKey(stale)) {
        Path target = resolve(root, stale);
        if (Files.deleteIfExists(target)) {
          deleted.add(stale);
        }
        removeEmptyParents(root, target.getParent());
      }
    }
    String manifest = String.join("\n", files.keySet()) + "\n";
    Path manifestPath = root.resolve(MANIFEST);
    if (!Files.exists(manifestPath) || !Files.readString(manifestPath, StandardCharsets.UTF_8).equals(manifest)) {
      Files.writeString(manifestPath, manifest, StandardCharsets.UTF_8);
    }
    return new Result(written, unchanged, deleted);
  }

  /** Resolves a generated path, refusing anything that could land outside the output directory. */
  static Path resolve(Path root, String relative) throws UnsafeOutputException {
    if (relative.isEmpty() || relative.startsWith("/") || relative.contains("\\") || relative.contains("\0")) {
      throw new UnsafeOutputException("refusing to write '" + relative + "': not a plain relative path");
    }
    for (String part : relative.split("/")) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new UnsafeOutputException("refusing to write '" + relative + "': it would leave the output directory");
      }
    }
    Path target = root.resolve(relative).normalize();
    if (!target.startsWith(root)) {
      throw new UnsafeOutputException("refusing to write '" + relative + "': it would leave the output directory");
    }
    for (Path p = target; !p.equals(root); p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        throw new UnsafeOutputException("refusing to write '" + relative + "': " + p + " is a symbolic link");
      }
    }
    return target;
  }

  private static TreeSet<String> readManifest(Path root) throws IOException {
    Path manifest = root.resolve(MANIFEST);
    TreeSet<String> entries = new TreeSet<>();
    if (Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
      for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          entries.add(line.strip());
        }
      }
    }
    return entries;
  }

  private static void removeEmptyParents(Path root, Path directory) throws IOException {
    for (Path p = directory; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
      try {
        Files.deleteIfExists(p);
      } catch (DirectoryNotEmptyException e) {
        return;
      }
    }
  }
}
