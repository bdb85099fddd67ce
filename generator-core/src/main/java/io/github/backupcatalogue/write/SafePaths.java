package io.github.backupcatalogue.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/**
 * Paths below the output directory, checked without ever following a symbolic link: every
 * component is looked at with {@code lstat} ({@link LinkOption#NOFOLLOW_LINKS}). Directories found
 * to be real directories are remembered for the life of one run, so a tree of N files costs about
 * N+depth checks, not N*depth.
 */
final class SafePaths {

  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private final Path root;
  private final Set<Path> checkedDirectories = new HashSet<>();

  SafePaths(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** The attributes of a path itself (a link is not followed), or null when nothing is there. */
  static BasicFileAttributes lstat(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * Checks that a relative path stays in the output directory by its text alone: relative, {@code /}
   * separated, no empty, {@code .} or {@code ..} component, no control characters (the manifest and
   * journal are line based), and not one of the generator's own bookkeeping names.
   */
  static void checkSyntax(String relative) throws UnsafeOutputException {
    if (relative.isEmpty() || relative.startsWith("/") || relative.contains("\\")) {
      throw new UnsafeOutputException("refusing to write '" + relative + "': not a plain relative path");
    }
    for (int i = 0; i < relative.length(); i++) {
      if (relative.charAt(i) < 0x20 || relative.charAt(i) == 0x7f) {
        throw new UnsafeOutputException("refusing to write '" + relative.replaceAll("\\p{Cntrl}", "?")
            + "': control character in the path");
      }
    }
    for (String part : relative.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new UnsafeOutputException("refusing to write '" + relative + "': it would leave the output directory");
      }
    }
    String first = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : relative;
    if (first.equals(OutputWriter.MANIFEST) || first.equals(OutputWriter.STAGING) || first.equals(OutputWriter.JOURNAL)) {
      throw new UnsafeOutputException("refusing to write '" + relative + "': the name is the generator's own bookkeeping");
    }
  }

  /**
   * Resolves a generated path and checks what is on the disk on the way: no component below the
   * output directory may be a symbolic link, and every existing parent must be a directory. The file
   * itself is not examined here (the caller looks at it with {@link #lstat}).
   */
  Path resolve(String relative) throws UnsafeOutputException, IOException {
    checkSyntax(relative);
    Path target = root.resolve(relative).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw new UnsafeOutputException("refusing to write '" + relative + "': it would leave the output directory");
    }
    checkDirectory(target.getParent(), relative);
    return target;
  }

  private void checkDirectory(Path directory, String relative) throws UnsafeOutputException, IOException {
    if (directory.equals(root) || checkedDirectories.contains(directory)) {
      return;
    }
    checkDirectory(directory.getParent(), relative);
    BasicFileAttributes attributes = lstat(directory);
    if (attributes == null) {
      return; // will be created, as a real directory
    }
    if (attributes.isSymbolicLink()) {
      throw new UnsafeOutputException("refusing to write '" + relative + "': " + directory
          + " is a symbolic link (the generator never follows one)");
    }
    if (!attributes.isDirectory()) {
      throw new UnsafeOutputException("refusing to write '" + relative + "': " + directory
          + " exists and is not a directory; move it away");
    }
    checkedDirectories.add(directory);
  }

  /** Creates the missing directories up to {@code directory}, each checked to be a real one. */
  void createDirectories(Path directory) throws IOException, UnsafeOutputException {
    if (directory.equals(root) || checkedDirectories.contains(directory)) {
      return;
    }
    createDirectories(directory.getParent());
    BasicFileAttributes attributes = lstat(directory);
    if (attributes == null) {
      try {
        Files.createDirectory(directory);
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        attributes = lstat(directory);
      }
    }
    if (attributes != null && (attributes.isSymbolicLink() || !attributes.isDirectory())) {
      throw new UnsafeOutputException(directory + " is not a directory (or is a symbolic link); the generator stopped");
    }
    checkedDirectories.add(directory);
  }

  /** Forgets what was learned about directories (after something may have removed some). */
  void forget() {
    checkedDirectories.clear();
  }

  /** Removes {@code directory} and its parents below the root while they are empty real directories. */
  void removeEmptyDirectories(Path directory) throws IOException {
    for (Path p = directory; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
      BasicFileAttributes attributes = lstat(p);
      if (attributes == null) {
        continue;
      }
      if (!attributes.isDirectory() || attributes.isSymbolicLink()) {
        return;
      }
      try {
        Files.delete(p);
      } catch (java.nio.file.DirectoryNotEmptyException | NoSuchFileException e) {
        return;
      }
      checkedDirectories.remove(p);
    }
  }
}
