package io.github.backupcatalogue.bench;

import io.github.backupcatalogue.BackupCatalogue;
import io.github.backupcatalogue.render.HclFormatter;
import io.github.backupcatalogue.write.OutputWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * Times the whole pipeline (load, validate, plan, render, in memory) on a synthetic organization of
 * N accounts in N/20 OUs (the accounts of the first OU also copy to a central vault), and reports
 * peak heap. Run with {@code bench/run.sh [accounts...]}. {@code bench/run.sh table [N] [memory target]}
 * prints issue 10's side-by-side table instead: full run, no-op rerun, the all-or-nothing writer
 * against bare writes of the same bytes, the HCL formatter before and after, and the largest
 * organization that generates within -Xmx256m (searched in child JVMs), before and after.
 * Not a test: numbers depend on the machine, so they go in notes, not assertions.
 */
public final class GenerationBenchmark {

  private GenerationBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("table")) {
      table(args.length > 1 ? Integer.parseInt(args[1]) : 1000, args.length > 2 ? Integer.parseInt(args[2]) : 10_000);
      return;
    }
    if (args.length > 0 && args[0].startsWith("probe")) {
      probe(args[0].equals("probe-legacy"), Integer.parseInt(args[1]));
      return;
    }
    int[] sizes = args.length == 0 ? new int[] {10, 100, 1000} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    Path dir = Files.createTempDirectory("backup-catalogue-bench");
    for (int accounts : sizes) {
      Path catalogue = dir.resolve("catalogue-" + accounts + ".yaml");
      Files.writeString(catalogue, catalogue(accounts));
      BackupCatalogue.render(catalogue, "backup-catalogue.yaml", null, false); // warm-up
      resetPeaks();
      int runs = 3;
      long best = Long.MAX_VALUE;
      int files = 0;
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        var result = BackupCatalogue.render(catalogue, "backup-catalogue.yaml", null, false);
        best = Math.min(best, System.nanoTime() - start);
        if (result.diagnostics().hasErrors()) {
          throw new IllegalStateException(result.diagnostics().format());
        }
        files = result.files().orElseThrow().size();
      }
      int[] levels = levels(BackupCatalogue.render(catalogue, "backup-catalogue.yaml", null, false).files().orElseThrow());
      System.out.printf(Locale.ROOT, "accounts=%d catalogue=%d bytes files=%d best-of-%d=%d ms peak-heap=%d MiB modules=%d "
              + "levels=%d widest-level=%d%n",
          accounts, Files.size(catalogue), files, runs, best / 1_000_000, peakHeap() / (1024 * 1024), levels[0], levels[1],
          levels[2]);
    }
  }

  /**
   * The side-by-side table of issue 10, part 6, for N accounts. Every timing is the best of 5,
   * the compared runs interleaved so a busy machine slows both alike.
   */
  static void table(int accounts, int memoryTarget) throws Exception {
    Path dir = Files.createTempDirectory("backup-catalogue-bench");
    Path catalogue = dir.resolve("backup-catalogue.yaml");
    Files.writeString(catalogue, catalogue(accounts));
    SortedMap<String, String> files = BackupCatalogue.render(catalogue, "backup-catalogue.yaml", null, false).files().orElseThrow();
    long bytes = files.values().stream().mapToLong(v -> v.getBytes(StandardCharsets.UTF_8).length).sum();
    int runs = 5;
    long full = Long.MAX_VALUE;
    long noop = Long.MAX_VALUE;
    long writer = Long.MAX_VALUE;
    long bare = Long.MAX_VALUE;
    for (int i = 0; i < runs; i++) {
      Path out = dir.resolve("full-" + i);
      long t0 = System.nanoTime();
      var first = BackupCatalogue.generate(catalogue, "backup-catalogue.yaml", out, null, false);
      long t1 = System.nanoTime();
      var again = BackupCatalogue.generate(catalogue, "backup-catalogue.yaml", out, null, false);
      long t2 = System.nanoTime();
      if (first.written().orElseThrow().upToDate() || !again.written().orElseThrow().upToDate()) {
        throw new IllegalStateException("the rerun was not recognised as a no-op");
      }
      full = Math.min(full, t1 - t0);
      noop = Math.min(noop, t2 - t1);
      long t3 = System.nanoTime();
      OutputWriter.write(dir.resolve("writer-" + i), files);
      long t4 = System.nanoTime();
      Path plain = dir.resolve("bare-" + i);
      for (var file : files.entrySet()) {
        Path target = plain.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.write(target, file.getValue().getBytes(StandardCharsets.UTF_8));
      }
      long t5 = System.nanoTime();
      writer = Math.min(writer, t4 - t3);
      bare = Math.min(bare, t5 - t4);
    }
    List<String> tf = files.entrySet().stream().filter(e -> e.getKey().endsWith(".tf")).map(Map.Entry::getValue).toList();
    long legacyNs = Long.MAX_VALUE;
    long newNs = Long.MAX_VALUE;
    for (int i = 0; i < 7; i++) {
      long a = System.nanoTime();
      for (String text : tf) {
        LegacyHclFormatter.format(text);
      }
      long b = System.nanoTime();
      for (String text : tf) {
        HclFormatter.format(text);
      }
      long c = System.nanoTime();
      legacyNs = Math.min(legacyNs, (b - a) / tf.size());
      newNs = Math.min(newNs, (c - b) / tf.size());
    }
    System.out.printf(Locale.ROOT, "%n%d accounts: %d files, %d MiB; best of %d, interleaved%n%n", accounts, files.size(),
        bytes >> 20, runs);
    System.out.println("| Measure | Time | Ratio |");
    System.out.println("|---|---|---|");
    System.out.printf(Locale.ROOT, "| full run (load, validate, plan, render, stage, switch) | %d ms | |%n", full / 1_000_000);
    System.out.printf(Locale.ROOT, "| no-op rerun vs full run | %d ms | %.1f %% |%n", noop / 1_000_000, 100.0 * noop / full);
    System.out.printf(Locale.ROOT, "| all-or-nothing writer vs bare Files.write of the same bytes | %d ms vs %d ms | %.2f x |%n",
        writer / 1_000_000, bare / 1_000_000, (double) writer / bare);
    System.out.printf(Locale.ROOT, "| HCL formatter per .tf file, after vs before | %d ns vs %d ns | %.2f x |%n", newNs, legacyNs,
        (double) newNs / legacyNs);
    int[] levels = levels(files);
    System.out.printf(Locale.ROOT, "| apply levels (critical path) vs modules applied one after another | %d vs %d | %.1f x fewer rounds |%n",
        levels[1], levels[0], (double) levels[0] / levels[1]);
    System.out.printf(Locale.ROOT, "| widest level (modules applied in parallel) | %d of %d | %.1f %% |%n", levels[2], levels[0],
        100.0 * levels[2] / levels[0]);
    if (memoryTarget > 0) {
      System.out.printf(Locale.ROOT, "| largest N at -Xmx256m, streaming generate() | %s | |%n", largest(false, memoryTarget));
      System.out.printf(Locale.ROOT, "| largest N at -Xmx256m, render() to memory then write (before) | %s | |%n",
          largest(true, memoryTarget));
    }
  }

  /**
   * Searches the largest organization (to 250 accounts) that generates in a child JVM with
   * -Xmx256m: doubling from 1,000 up to {@code target}, then bisecting.
   */
  static String largest(boolean legacy, int target) throws Exception {
    int good = 0;
    int bad = -1;
    for (int n = Math.min(1000, target); ; n = Math.min(n * 2, target)) {
      if (fits(legacy, n)) {
        good = n;
        if (n >= target) {
          return ">= " + String.format(Locale.ROOT, "%,d", n) + " (searched to " + String.format(Locale.ROOT, "%,d", target) + ")";
        }
      } else {
        bad = n;
        break;
      }
    }
    while (bad - good > 250) {
      int mid = (good + bad) / 2;
      if (fits(legacy, mid)) {
        good = mid;
      } else {
        bad = mid;
      }
    }
    return String.format(Locale.ROOT, "%,d (%,d fails)", good, bad);
  }

  private static boolean fits(boolean legacy, int accounts) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
        GenerationBenchmark.class.getName(), legacy ? "probe-legacy" : "probe", Integer.toString(accounts))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    boolean ok = p.waitFor() == 0;
    System.err.printf(Locale.ROOT, "  %s %d accounts at -Xmx256m: %s%n", legacy ? "before" : "streaming", accounts, ok ? "ok" : "out of memory");
    return ok;
  }

  /** Child: one generation of N accounts into a scratch directory; exit status 0 when it worked. */
  private static void probe(boolean legacy, int accounts) throws Exception {
    Path dir = Files.createTempDirectory("backup-catalogue-probe");
    try {
      Path catalogue = dir.resolve("backup-catalogue.yaml");
      Files.writeString(catalogue, catalogue(accounts));
      if (legacy) {
        var files = BackupCatalogue.render(catalogue, "backup-catalogue.yaml", null, false).files().orElseThrow();
        OutputWriter.write(dir.resolve("out"), files);
      } else {
        BackupCatalogue.generate(catalogue, "backup-catalogue.yaml", dir.resolve("out"), null, false).written().orElseThrow();
      }
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.exit(0);
  }

  /** From apply-order.json: the number of modules, of levels (the critical path), and of modules in the widest level. */
  static int[] levels(SortedMap<String, String> files) throws java.io.IOException {
    var order = new com.fasterxml.jackson.databind.ObjectMapper().readTree(files.get("apply-order.json"));
    int widest = 0;
    for (var level : order.get("levels")) {
      widest = Math.max(widest, level.get("modules").size());
    }
    return new int[] {order.get("modules").size(), order.get("levels").size(), widest};
  }

  public static String catalogue(int accounts) {
    StringBuilder y = new StringBuilder("""
        version: 1
        organization:
          id: o-a1b2c3d4e5
          root_id: r-a1b2
          management_account: management
          delegated_administrators: [backup-admin]
          central_backup_account: central
          organizational_units:
        """);
    int ous = Math.max(1, accounts / 20);
    for (int o = 0; o < ous; o++) {
      y.append(String.format(Locale.ROOT, "    ou%d: {id: ou-a1b2-%08d}%n", o, o));
    }
    y.append("""
          accounts:
            management: {id: "100000000000", regions: [eu-west-1]}
            backup-admin: {id: "100000000001", regions: [eu-west-1]}
            central: {id: "100000000002", regions: [eu-west-1, eu-central-1]}
        """);
    for (int a = 0; a < accounts; a++) {
      y.append(String.format(Locale.ROOT, "    app%d: {id: \"2%011d\", ou: ou%d, regions: [eu-west-1, eu-central-1]}%n", a, a, a % ous));
    }
    y.append("""
        settings: {cross_account_backup: true}
        vaults:
          Local:
            lock: {mode: governance, min_retention_days: 7, max_retention_days: 400}
          Central:
            location: central_account
            lock: {mode: governance, min_retention_days: 30, max_retention_days: 3650}
        plans:
          Daily:
            regions: [eu-west-1, eu-central-1]
            rules:
              Nightly:
                schedule: cron(0 3 ? * * *)
                lifecycle: {delete_after_days: 35}
                vault: Local
            selections:
              all: {resource_types: [EBS, RDS, S3, DynamoDB]}
          Critical:
            regions: [eu-west-1]
            rules:
              Hourly:
                schedule: cron(0 * ? * * *)
                lifecycle: {delete_after_days: 14}
                vault: Local
                copy_to:
                  - {vault: Central, lifecycle: {delete_after_days: 365}}
            selections:
              databases: {resource_types: [RDS, DynamoDB]}
        policies:
          baseline:
            plans: [Daily]
            attach_to: {root: true}
          critical:
            plans: [Critical]
            attach_to: {organizational_units: [ou0]}
        """);
    return y.toString();
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
