package io.github.backupcatalogue.bench;

import io.github.backupcatalogue.BackupCatalogue;
import io.github.backupcatalogue.write.OutputWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Kill test (issue 10, part 5): generates a large synthetic organization in a child JVM over an
 * existing output and kills it with SIGKILL ({@link Process#destroyForcibly}) after a random delay,
 * many times. After each kill it classifies the tree as it is (old, new, or mixed while a committed
 * switch-over is unfinished), runs the recovery every run starts with, classifies again (must be
 * old or new), checks the foreign files (a fake terraform.tfstate, .terraform/) survived, then runs
 * the generator again and checks it succeeds with the new tree. Run with {@code bench/kill-test.sh
 * [trials] [accounts]}. Prints {@code kill harness: trials=N old=a new=b mixed=0}.
 */
public final class KillHarness {

  private static final List<String> FOREIGN = List.of("accounts/app0/terraform.tfstate", "accounts/app1/.terraform/providers/x",
      "accounts/app3/tfplan", "notes.txt");

  private KillHarness() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      var result = BackupCatalogue.generate(Path.of(args[1]), "backup-catalogue.yaml", Path.of(args[2]), null, false);
      System.exit(result.written().isPresent() ? 0 : 3);
    }
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int accounts = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 10L;
    Path work = Files.createTempDirectory("backup-catalogue-kill");
    Path oldCatalogue = work.resolve("old.yaml");
    Path newCatalogue = work.resolve("new.yaml");
    Files.writeString(oldCatalogue, GenerationBenchmark.catalogue(accounts));
    // New: every 10th account gone (deletions), a default tag (every providers.tf changes), 5 new accounts.
    String changed = GenerationBenchmark.catalogue(accounts + 5)
        .replace("settings: {cross_account_backup: true}", "deployment: {tags: {team: platform}}\nsettings: {cross_account_backup: true}");
    StringBuilder pruned = new StringBuilder();
    for (String line : changed.split("\n", -1)) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("^    app(\\d+): ").matcher(line);
      if (m.find() && Integer.parseInt(m.group(1)) % 10 == 9) {
        continue;
      }
      pruned.append(line).append('\n');
    }
    Files.writeString(newCatalogue, pruned.toString().stripTrailing() + "\n");

    Path oldTree = work.resolve("expected-old");
    Path newTree = work.resolve("expected-new");
    BackupCatalogue.generate(oldCatalogue, "backup-catalogue.yaml", oldTree, null, false);
    BackupCatalogue.generate(newCatalogue, "backup-catalogue.yaml", newTree, null, false);
    SortedMap<String, String> oldHashes = snapshot(oldTree);
    SortedMap<String, String> newHashes = snapshot(newTree);
    System.out.printf(Locale.ROOT, "kill harness: %d accounts, old tree %d files, new tree %d files%n", accounts,
        oldHashes.size(), newHashes.size());

    Path out = work.resolve("out");
    prepare(oldTree, out);
    long start = System.nanoTime();
    int exit = child(newCatalogue, out).waitFor();
    long full = System.nanoTime() - start;
    if (exit != 0 || !snapshot(out).equals(newHashes)) {
      throw new IllegalStateException("an uninterrupted child run did not produce the new tree (exit " + exit + ")");
    }
    System.out.printf(Locale.ROOT, "kill harness: an uninterrupted child run takes %d ms; kills land uniformly in [0, %d] ms%n",
        full / 1_000_000, full * 11 / 10 / 1_000_000);

    Random random = new Random(seed);
    int old = 0;
    int fresh = 0;
    int mixed = 0;
    int rawOld = 0;
    int rawNew = 0;
    int rawMixedWithJournal = 0;
    int rawMixedWithoutJournal = 0;
    int stagingLeft = 0;
    int journalLeft = 0;
    for (int trial = 0; trial < trials; trial++) {
      prepare(oldTree, out);
      long delay = (long) (random.nextDouble() * full * 1.1);
      Process process = child(newCatalogue, out);
      if (!process.waitFor(delay, TimeUnit.NANOSECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
      boolean journal = Files.exists(out.resolve(OutputWriter.JOURNAL), LinkOption.NOFOLLOW_LINKS);
      boolean staging = Files.exists(out.resolve(OutputWriter.STAGING), LinkOption.NOFOLLOW_LINKS);
      journalLeft += journal ? 1 : 0;
      stagingLeft += staging ? 1 : 0;
      SortedMap<String, String> raw = snapshot(out);
      if (raw.equals(oldHashes)) {
        rawOld++;
      } else if (raw.equals(newHashes)) {
        rawNew++;
      } else if (journal) {
        rawMixedWithJournal++;
      } else {
        rawMixedWithoutJournal++;
      }
      OutputWriter.recover(out);
      SortedMap<String, String> recovered = snapshot(out);
      if (recovered.equals(oldHashes)) {
        old++;
      } else if (recovered.equals(newHashes)) {
        fresh++;
      } else {
        mixed++;
        System.out.printf(Locale.ROOT, "trial %d: MIXED after recovery (delay %d ms)%n", trial, delay / 1_000_000);
      }
      for (String foreign : FOREIGN) {
        if (!Files.readString(out.resolve(foreign)).equals("foreign " + foreign + "\n")) {
          throw new IllegalStateException("trial " + trial + ": foreign file " + foreign + " changed");
        }
      }
      var next = BackupCatalogue.generate(newCatalogue, "backup-catalogue.yaml", out, null, false);
      if (next.written().isEmpty() || !snapshot(out).equals(newHashes)) {
        throw new IllegalStateException("trial " + trial + ": the next run did not produce the new tree");
      }
    }
    System.out.printf(Locale.ROOT, "kill harness: as left by the kill: old=%d new=%d mixed-with-committed-journal=%d "
        + "mixed-without-journal=%d (staging left in %d, journal left in %d)%n", rawOld, rawNew, rawMixedWithJournal,
        rawMixedWithoutJournal, stagingLeft, journalLeft);
    System.out.printf(Locale.ROOT, "kill harness: trials=%d old=%d new=%d mixed=%d (after the recovery every run starts with; "
        + "every next run succeeded, foreign files intact)%n", trials, old, fresh, mixed);
    OutputWriterCleanup.delete(work);
    if (mixed != 0 || rawMixedWithoutJournal != 0) {
      System.exit(1);
    }
  }

  private static Process child(Path catalogue, Path out) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), KillHarness.class.getName(), "child",
        catalogue.toString(), out.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** A copy of the old tree (manifest included) plus foreign files in module directories, some of them doomed. */
  private static void prepare(Path oldTree, Path out) throws IOException {
    OutputWriterCleanup.delete(out);
    try (Stream<Path> walk = Files.walk(oldTree)) {
      for (Path p : walk.toList()) {
        Path target = out.resolve(oldTree.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    for (String foreign : FOREIGN) {
      Path p = out.resolve(foreign);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "foreign " + foreign + "\n");
    }
  }

  /** Hashes of the generated files (the manifest, staging, journal and foreign files aside). */
  private static SortedMap<String, String> snapshot(Path root) throws IOException {
    SortedMap<String, String> hashes = new TreeMap<>();
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
        String relative = root.relativize(p).toString().replace('\\', '/');
        if (relative.startsWith(OutputWriter.STAGING) || relative.equals(OutputWriter.JOURNAL)
            || relative.equals(OutputWriter.MANIFEST) || FOREIGN.contains(relative)) {
          continue;
        }
        hashes.put(relative, HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
      }
    }
    return hashes;
  }

  /** Recursive delete for the harness's scratch directories. */
  static final class OutputWriterCleanup {
    static void delete(Path top) throws IOException {
      if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      try (Stream<Path> walk = Files.walk(top)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
