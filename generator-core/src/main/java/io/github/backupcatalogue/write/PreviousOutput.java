package io.github.backupcatalogue.write;

import java.io.IOException;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The output directory as the generator last wrote it: the files its manifest lists, and their
 * content. Only files the generator wrote are ever read (never through a symbolic link), so a
 * comparison with the previous output never looks at state files, plans or anything else there.
 */
public interface PreviousOutput {

  /** Every file the manifest lists, by relative path, with its SHA-256 (null for old manifests). */
  SortedMap<String, String> files();

  /**
   * The content of a file the generator wrote, when it is still there as a regular file; a
   * symbolic link on the way is refused (never followed).
   */
  Optional<String> read(String relative) throws IOException, UnsafeOutputException;

  /** The SHA-256 the manifest records for these bytes' content. */
  static String hash(String content) {
    return Manifest.sha256(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
