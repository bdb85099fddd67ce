package io.github.backupcatalogue.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The manifest {@value OutputWriter#MANIFEST}: what the generator wrote, so it only ever deletes or
 * overwrites its own files, plus what it needs to recognise a no-op rerun.
 *
 * <pre>
 * # backup-catalogue manifest 2
 * # inputs 5f1c...        (hash of everything the output is made from; "-" when unknown)
 * # note [...]            (an opaque single line the caller stores with the output)
 * accounts/app/iam.tf&lt;TAB&gt;2154&lt;TAB&gt;sha256 hex&lt;TAB&gt;mtime in ns
 * </pre>
 *
 * A version 1 manifest (one path per line, what earlier releases wrote) is still read: its paths
 * are the generator's, it has no hashes, so it never counts as up to date.
 *
 * @param inputs the inputs hash, or null
 * @param note the caller's note, or null
 * @param entries every generated file by relative path
 */
record Manifest(String inputs, String note, SortedMap<String, Entry> entries) {

  static final String HEADER = "# backup-catalogue manifest 2";

  /**
   * One generated file.
   *
   * @param size bytes
   * @param sha256 hex digest of the content, or null (version 1 manifests)
   * @param mtimeNanos the modification time seen right after it was written or checked, or -1
   */
  record Entry(long size, String sha256, long mtimeNanos) {}

  static Manifest empty() {
    return new Manifest(null, null, new TreeMap<>());
  }

  /** Reads the manifest without following a symbolic link; an absent one is empty. */
  static Manifest read(Path file) throws IOException, UnsafeOutputException {
    String text;
    try (SeekableByteChannel channel = Files.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, channel.size()));
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // read it all
      }
      text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return empty();
    } catch (java.nio.file.FileSystemException e) {
      if (Files.isSymbolicLink(file)) {
        throw new UnsafeOutputException(file + " is a symbolic link; the generator never reads or writes its manifest "
            + "through one (replace it by a regular file or remove it)");
      }
      throw e;
    }
    String inputs = null;
    String note = null;
    SortedMap<String, Entry> entries = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("# ")) {
        if (line.startsWith("# inputs ")) {
          String value = line.substring("# inputs ".length());
          inputs = value.equals("-") ? null : value;
        } else if (line.startsWith("# note ")) {
          note = line.substring("# note ".length());
        }
        continue;
      }
      String[] fields = line.split("\t");
      if (fields.length >= 4) {
        entries.put(fields[0], new Entry(Long.parseLong(fields[1]), fields[2], Long.parseLong(fields[3])));
      } else {
        entries.put(fields[0].strip(), new Entry(-1, null, -1));
      }
    }
    return new Manifest(inputs, note, entries);
  }

  String format() {
    StringBuilder out = new StringBuilder(64 * entries.size() + 200).append(HEADER).append('\n');
    out.append("# inputs ").append(inputs == null ? "-" : inputs).append('\n');
    if (note != null) {
      if (note.indexOf('\n') >= 0 || note.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("the manifest note must be one line");
      }
      out.append("# note ").append(note).append('\n');
    }
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      out.append(e.getKey()).append('\t').append(e.getValue().size()).append('\t').append(e.getValue().sha256())
          .append('\t').append(e.getValue().mtimeNanos()).append('\n');
    }
    return out.toString();
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
