package io.github.backupcatalogue.bench;

import io.github.backupcatalogue.BackupCatalogue;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Times the whole pipeline (load, validate, plan, render, in memory) on a synthetic organization of
 * N accounts in N/20 OUs (the accounts of the first OU also copy to a central vault), and reports
 * peak heap. Run with {@code bench/run.sh [accounts...]}.
 * Not a test: numbers depend on the machine, so they go in notes, not assertions.
 */
public final class GenerationBenchmark {

  private GenerationBenchmark() {}

  public static void main(String[] args) throws Exception {
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
      System.out.printf(Locale.ROOT, "accounts=%d catalogue=%d bytes files=%d best-of-%d=%d ms peak-heap=%d MiB%n",
          accounts, Files.size(catalogue), files, runs, best / 1_000_000, peakHeap() / (1024 * 1024));
    }
  }

  static String catalogue(int accounts) {
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
