package io.github.backupcatalogue.write;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Stage 5, write: puts generated files into the output directory all or nothing, without losing
 * anything, the way git updates refs: write the new state completely, then switch over in one step.
 *
 * <ol>
 *   <li><b>Check.</b> The output directory, the manifest, the staging directory and the journal are
 *       looked at (never through a symbolic link) before anything happens. Every generated path is
 *       checked as it arrives: relative, inside the output directory, no symbolic link and no
 *       non-directory on the way, and no file there that the generator did not write (the manifest
 *       says which it wrote). Files to delete (listed in the old manifest, no longer generated) are
 *       checked the same way. Any problem: the staging directory is removed and nothing in the tree
 *       has changed.
 *   <li><b>Stage.</b> A file whose content differs from what is on disk (only those: jOOQ's
 *       GeneratorWriter) is written to {@value #STAGING}{@code /files/<path>}; unchanged files are
 *       left alone, their timestamps too. Only paths and hashes stay in memory, so callers can stream
 *       modules through.
 *   <li><b>Commit.</b> The journal (every rename and deletion, then the new manifest) is written in
 *       staging and atomically renamed to {@value #JOURNAL}. That rename is the commit point.
 *   <li><b>Apply.</b> Each staged file is renamed over its target (atomic per file), stale files are
 *       deleted, then the new manifest is renamed into place.
 *   <li><b>Clean.</b> The journal, then the staging directory, are deleted.
 * </ol>
 *
 * Every run first recovers: a committed journal is rolled forward (idempotently: a staged file
 * already moved is skipped, a file already deleted is skipped); staging without a journal is an
 * uncommitted run and is discarded. So after any crash, kill or failed write the tree is the old one
 * or (after the next run's recovery) the new one, and the next run proceeds. Foreign files (state
 * files, {@code .terraform/}, plans) are never looked into: only paths the generator produces or the
 * manifest lists are touched.
 *
 * <p>Limits: a reader looking at the tree while step 4 runs can see some files new and some old;
 * the journal makes the next run (or {@link #recover}) finish the switch. Renames are atomic per
 * file as POSIX {@code rename(2)} is; on Windows {@code MoveFileEx} replaces a file atomically only
 * when nothing holds it open. Durability across power loss needs {@code fsync}, which costs several
 * milliseconds per file on a real disk: it is off by default and turned on by the system property
 * {@value #FSYNC_PROPERTY}{@code =true}. One generator at a time per output directory. Checks and
 * renames are separate system calls, so a symbolic link planted by another process in between is not
 * caught (Java has no {@code openat}).
 */
public final class OutputWriter {

  /** What the generator wrote: relative path, size, hash and time of each file, plus the inputs hash. */
  public static final String MANIFEST = ".backup-catalogue-files";

  /** Where a run writes the new and changed files before switching over. */
  public static final String STAGING = ".backup-catalogue-staging";

  /** The commit record of a run being switched over. */
  public static final String JOURNAL = ".backup-catalogue-journal";

  /** Set to {@code true} to fsync staged files, the journal and the directories (power-loss safety). */
  public static final String FSYNC_PROPERTY = "backupcatalogue.fsync";

  private static final String JOURNAL_HEADER = "backup-catalogue journal 1";
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  /**
   * What a run changed, for the build log and the tests.
   *
   * @param written files created or rewritten
   * @param unchanged files already as generated
   * @param deleted files generated before and no longer generated, removed
   * @param upToDate true when the run found the output already generated from the same inputs and
   *     skipped rendering
   */
  public record Result(List<String> written, List<String> unchanged, List<String> deleted, boolean upToDate) {
    public Result {
      written = List.copyOf(written);
      unchanged = List.copyOf(unchanged);
      deleted = List.copyOf(deleted);
    }

    public Result(List<String> written, List<String> unchanged, List<String> deleted) {
      this(written, unchanged, deleted, false);
    }
  }

  /** Test hook: called at each step that changes the disk; a test throws from it to simulate a crash. */
  interface StepHook {
    void step(String what) throws IOException;
  }

  static volatile StepHook hook = what -> {};

  private OutputWriter() {}

  /** Writes a whole set of files in one transaction: {@link #begin}, {@link Transaction#add} each, commit. */
  public static Result write(Path outputDirectory, SortedMap<String, String> files) throws IOException, UnsafeOutputException {
    try (Transaction transaction = begin(outputDirectory)) {
      for (var file : files.entrySet()) {
        transaction.add(file.getKey(), file.getValue());
      }
      return transaction.commit(null, null);
    }
  }

  /**
   * Recovers from an interrupted earlier run (see the class comment), checks the output directory
   * and the manifest, and starts a run. Nothing is created until the first changed file arrives.
   */
  public static Transaction begin(Path outputDirectory) throws IOException, UnsafeOutputException {
    Path root = outputDirectory.toAbsolutePath().normalize();
    recover(root);
    return new Transaction(root);
  }

  /**
   * Finishes or discards an interrupted run: rolls a committed journal forward, discards staging
   * that was never committed. Returns true when there was anything to do.
   */
  public static boolean recover(Path outputDirectory) throws IOException, UnsafeOutputException {
    Path root = outputDirectory.toAbsolutePath().normalize();
    BasicFileAttributes rootAttributes = SafePaths.lstat(root);
    if (rootAttributes == null) {
      return false;
    }
    if (!rootAttributes.isDirectory() || rootAttributes.isSymbolicLink()) {
      throw new UnsafeOutputException("the output directory " + root + " is a file or a symbolic link");
    }
    Path journal = root.resolve(JOURNAL);
    Path staging = root.resolve(STAGING);
    BasicFileAttributes journalAttributes = SafePaths.lstat(journal);
    BasicFileAttributes stagingAttributes = SafePaths.lstat(staging);
    if (stagingAttributes != null && (stagingAttributes.isSymbolicLink() || !stagingAttributes.isDirectory())) {
      throw new UnsafeOutputException(staging + " is not a directory the generator made (it is a file or a symbolic link); "
          + "remove it");
    }
    if (journalAttributes != null) {
      if (!journalAttributes.isRegularFile()) {
        throw new UnsafeOutputException(journal + " is not a file the generator made (it is a symbolic link or a directory); "
            + "remove it");
      }
      rollForward(new SafePaths(root), readJournal(journal));
      return true;
    }
    if (stagingAttributes != null) {
      deleteTree(staging);
      return true;
    }
    return false;
  }

  /**
   * The output directory as last written, for reading only (a dry run): nothing is recovered,
   * created or changed. An absent directory or manifest reads as empty.
   */
  public static PreviousOutput previous(Path outputDirectory) throws IOException, UnsafeOutputException {
    Path root = outputDirectory.toAbsolutePath().normalize();
    BasicFileAttributes attributes = SafePaths.lstat(root);
    if (attributes == null) {
      return reader(new SafePaths(root), Manifest.empty());
    }
    if (!attributes.isDirectory() || attributes.isSymbolicLink()) {
      throw new UnsafeOutputException("the output directory " + root + " is a file or a symbolic link");
    }
    return reader(new SafePaths(root), Manifest.read(root.resolve(MANIFEST)));
  }

  private static PreviousOutput reader(SafePaths paths, Manifest manifest) {
    return new PreviousOutput() {
      @Override
      public SortedMap<String, String> files() {
        return hashes(manifest);
      }

      @Override
      public Optional<String> read(String relative) throws IOException, UnsafeOutputException {
        return readGenerated(paths, manifest, relative);
      }
    };
  }

  private static SortedMap<String, String> hashes(Manifest manifest) {
    SortedMap<String, String> hashes = new TreeMap<>();
    manifest.entries().forEach((path, entry) -> hashes.put(path, entry.sha256()));
    return Collections.unmodifiableSortedMap(hashes);
  }

  private static Optional<String> readGenerated(SafePaths paths, Manifest manifest, String relative)
      throws IOException, UnsafeOutputException {
    if (!manifest.entries().containsKey(relative)) {
      return Optional.empty();
    }
    Path target = paths.resolve(relative);
    BasicFileAttributes there = SafePaths.lstat(target);
    if (there == null || !there.isRegularFile()) {
      return Optional.empty();
    }
    return Optional.of(new String(readNoFollow(target), StandardCharsets.UTF_8));
  }

  /** One run: files are added one by one (and staged when changed), then committed or discarded. */
  public static final class Transaction implements Closeable, PreviousOutput {

    private final SafePaths paths;
    private final Path root;
    private final Path staging;
    private final Manifest previous;
    private final SortedMap<String, Manifest.Entry> next = new TreeMap<>();
    private final List<String> puts = new ArrayList<>();
    private final List<String> unchanged = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final boolean fsync = Boolean.getBoolean(FSYNC_PROPERTY);
    private boolean createdRoot;
    private boolean stagingMade;
    private boolean done;

    private Transaction(Path root) throws IOException, UnsafeOutputException {
      this.root = root;
      this.paths = new SafePaths(root);
      this.staging = root.resolve(STAGING);
      BasicFileAttributes manifestAttributes = SafePaths.lstat(root.resolve(MANIFEST));
      if (manifestAttributes != null && !manifestAttributes.isRegularFile()) {
        throw new UnsafeOutputException(root.resolve(MANIFEST) + " is a symbolic link or not a regular file; the generator "
            + "never reads or writes its manifest through one (remove it)");
      }
      this.previous = Manifest.read(root.resolve(MANIFEST));
    }

    /**
     * When the manifest was written from {@code inputs} and every file it lists is still as written
     * (size, and a content hash unless the timestamp proves it untouched), returns the note stored
     * with it: the caller may then skip rendering. A file edited, removed or replaced makes this
     * empty, so the next full run restores it.
     */
    public Optional<String> upToDate(String inputs) throws IOException {
      if (inputs == null || !inputs.equals(previous.inputs()) || previous.entries().isEmpty()) {
        return Optional.empty();
      }
      BasicFileAttributes manifest = SafePaths.lstat(root.resolve(MANIFEST));
      if (manifest == null) {
        return Optional.empty();
      }
      long manifestTime = manifest.lastModifiedTime().to(TimeUnit.NANOSECONDS);
      for (var entry : previous.entries().entrySet()) {
        Manifest.Entry expected = entry.getValue();
        Path target;
        try {
          target = paths.resolve(entry.getKey());
        } catch (UnsafeOutputException e) {
          return Optional.empty();
        }
        BasicFileAttributes actual = SafePaths.lstat(target);
        if (expected.sha256() == null || actual == null || !actual.isRegularFile() || actual.size() != expected.size()) {
          return Optional.empty();
        }
        long time = actual.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        // As git's index: a timestamp proves nothing changed only if it is older than the manifest
        // (a file changed within the same clock tick as it was written is "racily clean": hash it).
        boolean provenByTime = time == expected.mtimeNanos() && time < manifestTime;
        if (!provenByTime && !Manifest.sha256(readNoFollow(target)).equals(expected.sha256())) {
          return Optional.empty();
        }
      }
      return Optional.of(previous.note() == null ? "" : previous.note());
    }

    /** What the previous run wrote (the manifest as this run found it). */
    @Override
    public SortedMap<String, String> files() {
      return hashes(previous);
    }

    /** A file the previous run wrote, as it is on disk now. */
    @Override
    public Optional<String> read(String relative) throws IOException, UnsafeOutputException {
      return readGenerated(paths, previous, relative);
    }

    /** The result of a run that found everything up to date. */
    public Result upToDateResult() {
      return new Result(List.of(), new ArrayList<>(previous.entries().keySet()), List.of(), true);
    }

    /**
     * Adds one generated file: checks its path and what is there, and stages it when its content
     * differs. Problems are collected and reported by {@link #commit} (all of them, in one message),
     * before anything in the tree changes.
     */
    public void add(String relative, String content) throws IOException {
      byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
      Path target;
      try {
        target = paths.resolve(relative);
      } catch (UnsafeOutputException e) {
        problems.add(e.getMessage());
        return;
      }
      if (next.containsKey(relative)) {
        problems.add("refusing to write '" + relative + "' twice in one run");
        return;
      }
      BasicFileAttributes existing = SafePaths.lstat(target);
      boolean same = false;
      if (existing != null) {
        if (existing.isSymbolicLink()) {
          problems.add("refusing to write " + target + ": it is a symbolic link (the generator never follows one)");
          return;
        }
        if (!existing.isRegularFile()) {
          problems.add(target + " exists and is not a regular file; move it away");
          return;
        }
        if (!previous.entries().containsKey(relative)) {
          problems.add(target + " exists but was not written by backup-catalogue; move it away "
              + "(the generator never overwrites files it did not write)");
          return;
        }
        same = existing.size() == bytes.length && Arrays.equals(readNoFollow(target), bytes);
      }
      String hash = Manifest.sha256(bytes);
      if (same) {
        unchanged.add(relative);
        next.put(relative, new Manifest.Entry(bytes.length, hash, existing.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
        return;
      }
      if (!problems.isEmpty()) {
        next.put(relative, new Manifest.Entry(bytes.length, hash, -1));
        return; // keep checking, stop staging: this run will not commit
      }
      Path staged = stagedFile(relative);
      ensureStaging();
      Files.createDirectories(staged.getParent());
      writeNew(staged, bytes);
      hook.step("stage " + relative);
      long time = Files.readAttributes(staged, BasicFileAttributes.class, NOFOLLOW).lastModifiedTime().to(TimeUnit.NANOSECONDS);
      puts.add(relative);
      next.put(relative, new Manifest.Entry(bytes.length, hash, time));
    }

    /**
     * Checks the deletions, then (when nothing is wrong) commits and applies the run.
     *
     * @param inputs the hash of the inputs, recorded for {@link #upToDate}, or null
     * @param note one line stored with the manifest (e.g. the warnings to repeat on a no-op rerun), or null
     */
    public Result commit(String inputs, String note) throws IOException, UnsafeOutputException {
      List<String> deletes = new ArrayList<>();
      for (var stale : previous.entries().keySet()) {
        if (next.containsKey(stale)) {
          continue;
        }
        Path target;
        try {
          target = paths.resolve(stale);
        } catch (UnsafeOutputException e) {
          problems.add("cannot remove '" + stale + "', generated before: " + e.getMessage());
          continue;
        }
        BasicFileAttributes attributes = SafePaths.lstat(target);
        if (attributes == null) {
          continue;
        }
        if (!attributes.isRegularFile()) {
          problems.add(target + " was generated before and is no longer, but it is now a symbolic link or not a regular "
              + "file; the generator does not remove it: remove it by hand");
          continue;
        }
        deletes.add(stale);
      }
      if (!problems.isEmpty()) {
        discard();
        throw new UnsafeOutputException(problems.size() == 1 ? problems.get(0)
            : problems.size() + " problems:\n  " + String.join("\n  ", problems));
      }
      Manifest manifest = new Manifest(inputs, note, next);
      String manifestText = manifest.format();
      Path manifestPath = root.resolve(MANIFEST);
      boolean manifestSame = SafePaths.lstat(manifestPath) != null
          && Arrays.equals(readNoFollow(manifestPath), manifestText.getBytes(StandardCharsets.UTF_8));
      if (puts.isEmpty() && deletes.isEmpty() && manifestSame) {
        discard();
        done = true;
        return new Result(List.of(), sorted(unchanged), List.of());
      }
      ensureStaging();
      writeNew(staging.resolve("manifest"), manifestText.getBytes(StandardCharsets.UTF_8));
      StringBuilder journal = new StringBuilder(JOURNAL_HEADER).append('\n');
      for (String put : puts) {
        journal.append("put ").append(put).append('\n');
      }
      for (String delete : deletes) {
        journal.append("delete ").append(delete).append('\n');
      }
      journal.append("manifest\nend\n");
      Path journalStaged = staging.resolve("journal");
      writeNew(journalStaged, journal.toString().getBytes(StandardCharsets.UTF_8));
      if (fsync) {
        syncDirectories();
      }
      hook.step("commit");
      moveAtomically(journalStaged, root.resolve(JOURNAL));
      if (fsync) {
        syncDirectory(root);
      }
      done = true;
      rollForward(paths, readJournal(root.resolve(JOURNAL)));
      return new Result(sorted(puts), sorted(unchanged), sorted(deletes));
    }

    /** Without a commit: removes staging (and the output directory, when this run made it and it is empty). */
    @Override
    public void close() throws IOException {
      if (!done) {
        discard();
      }
    }

    private void discard() throws IOException {
      done = true;
      if (stagingMade && SafePaths.lstat(staging) != null) {
        deleteTree(staging);
      }
      if (createdRoot) {
        try {
          Files.deleteIfExists(root);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
          // something else appeared meanwhile; leave it
        }
      }
    }

    private Path stagedFile(String relative) {
      return staging.resolve("files").resolve(relative);
    }

    private void ensureStaging() throws IOException {
      if (stagingMade) {
        return;
      }
      if (SafePaths.lstat(root) == null) {
        Files.createDirectories(root);
        createdRoot = true;
      }
      Files.createDirectory(staging);
      stagingMade = true;
    }

    private void writeNew(Path file, byte[] bytes) throws IOException {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        if (fsync) {
          channel.force(true);
        }
      }
    }

    private void syncDirectories() throws IOException {
      Files.walkFileTree(staging, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          syncDirectory(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    }
  }

  private static List<String> sorted(List<String> list) {
    List<String> copy = new ArrayList<>(list);
    Collections.sort(copy);
    return copy;
  }

  private record Journal(List<String> puts, List<String> deletes) {}

  private static Journal readJournal(Path journal) throws IOException, UnsafeOutputException {
    String text = new String(readNoFollow(journal), StandardCharsets.UTF_8);
    List<String> lines = text.lines().toList();
    if (lines.isEmpty() || !lines.get(0).equals(JOURNAL_HEADER) || !lines.get(lines.size() - 1).equals("end")) {
      throw new UnsafeOutputException(journal + " is not a complete backup-catalogue journal; it cannot be finished "
          + "safely. Remove it and " + STAGING + " and run again (the files it named may be partly switched)");
    }
    List<String> puts = new ArrayList<>();
    List<String> deletes = new ArrayList<>();
    for (String line : lines.subList(1, lines.size() - 1)) {
      if (line.startsWith("put ")) {
        puts.add(line.substring(4));
      } else if (line.startsWith("delete ")) {
        deletes.add(line.substring(7));
      }
    }
    return new Journal(puts, deletes);
  }

  /** Applies a committed journal; safe to repeat any number of times, from any point. */
  private static void rollForward(SafePaths paths, Journal journal) throws IOException, UnsafeOutputException {
    Path root = paths.root();
    Path staging = root.resolve(STAGING);
    for (String put : journal.puts()) {
      Path source = staging.resolve("files").resolve(put);
      if (SafePaths.lstat(source) == null) {
        continue; // moved by an earlier, interrupted roll-forward
      }
      Path target = paths.resolve(put);
      paths.createDirectories(target.getParent());
      BasicFileAttributes there = SafePaths.lstat(target);
      if (there != null && !there.isRegularFile()) {
        throw new UnsafeOutputException(target + " became a symbolic link or a directory while the generator was switching "
            + "files; move it away and run again (the run will finish)");
      }
      hook.step("rename " + put);
      moveAtomically(source, target);
    }
    for (String delete : journal.deletes()) {
      Path target = paths.resolve(delete);
      BasicFileAttributes there = SafePaths.lstat(target);
      if (there != null && there.isRegularFile()) {
        hook.step("delete " + delete);
        Files.delete(target);
      }
      paths.removeEmptyDirectories(target.getParent());
    }
    Path manifest = staging.resolve("manifest");
    if (SafePaths.lstat(manifest) != null) {
      BasicFileAttributes there = SafePaths.lstat(root.resolve(MANIFEST));
      if (there != null && !there.isRegularFile()) {
        throw new UnsafeOutputException(root.resolve(MANIFEST) + " became a symbolic link while the generator was switching "
            + "files; remove it and run again (the run will finish)");
      }
      hook.step("manifest");
      moveAtomically(manifest, root.resolve(MANIFEST));
    }
    hook.step("journal removed");
    Files.deleteIfExists(root.resolve(JOURNAL));
    hook.step("staging removed");
    deleteTree(staging);
  }

  private static void moveAtomically(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      // Same directory tree, so only exotic file systems get here.
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static byte[] readNoFollow(Path file) throws IOException {
    try (SeekableByteChannel channel = Files.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
      long size = channel.size();
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size));
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // read it all
      }
      return buffer.position() == buffer.capacity() ? buffer.array() : Arrays.copyOf(buffer.array(), buffer.position());
    }
  }

  /** Deletes a tree without following symbolic links (a link is removed, never what it points to). */
  static void deleteTree(Path top) throws IOException {
    if (SafePaths.lstat(top) == null) {
      return;
    }
    Files.walkFileTree(top, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Not every platform can open a directory (Windows cannot); its rename is then as durable as it gets.
    }
  }
}
