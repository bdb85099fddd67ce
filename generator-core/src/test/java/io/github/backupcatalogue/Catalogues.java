package io.github.backupcatalogue;

import io.github.backupcatalogue.diagnostics.SourceFile;
import io.github.backupcatalogue.load.CatalogueLoader;
import io.github.backupcatalogue.load.LoadResult;
import java.util.List;

/** Small catalogues for tests, and their diagnostics as the headlines a user reads. */
public final class Catalogues {

  private Catalogues() {}

  /** A valid organization catalogue; tests replace one line to break one rule. */
  public static final String ORGANIZATION = """
      version: 1
      organization:
        id: o-a1b2c3d4e5
        root_id: r-a1b2
        management_account: management
        delegated_administrators: [backup-admin]
        central_backup_account: central
        organizational_units:
          workloads: {id: ou-a1b2-22222222}
        accounts:
          management: {id: "109876543210", regions: [eu-west-1]}
          backup-admin: {id: "123456789101", regions: [eu-west-1]}
          central: {id: "210987654321", regions: [eu-west-1]}
          app: {id: "345678901234", ou: workloads, regions: [eu-west-1]}
      settings:
        cross_account_backup: true
      vaults:
        Local:
          lock: {mode: governance, min_retention_days: 7, max_retention_days: 400}
        Central:
          location: central_account
          lock: {mode: governance, min_retention_days: 30, max_retention_days: 3650}
      plans:
        Daily:
          regions: [eu-west-1]
          rules:
            Nightly:
              schedule: cron(0 3 ? * * *)
              lifecycle: {delete_after_days: 35}
              vault: Local
              copy_to:
                - vault: Central
                  lifecycle: {delete_after_days: 365}
          selections:
            databases:
              resource_types: [RDS]
      policies:
        baseline:
          plans: [Daily]
          attach_to: {organizational_units: [workloads]}
      """;

  /** A single-account catalogue up to its rule's vault; tests append the rule's other keys and the plan's selections. */
  public static final String SINGLE_ACCOUNT = """
      version: 1
      account: {name: app, id: "345678901234", regions: [eu-west-1]}
      vaults:
        Local: {}
      plans:
        Daily:
          regions: [eu-west-1]
          rules:
            Nightly:
              schedule: cron(0 3 ? * * *)
              lifecycle: {delete_after_days: 35}
              vault: Local
      """;

  /**
   * The warning of {@link #ORGANIZATION} and every catalogue built from it without deployment.state
   * (BC375, on its organization key): its modules would keep local state.
   */
  public static final String NO_STATE = "backup-catalogue.yaml:2:1: warning[BC375]: the catalogue has no deployment.state: "
      + "every module of this organization keeps its Terraform state in a local terraform.tfstate, which is lost with the "
      + "checkout and cannot be shared or locked";

  /** {@link #NO_STATE} as it reads when the catalogue has a deployment block (at line {@code line}) without state. */
  public static String noStateIn(int line) {
    return "backup-catalogue.yaml:" + line + ":1: warning[BC375]: deployment has no state: every module of this organization "
        + "keeps its Terraform state in a local terraform.tfstate, which is lost with the checkout and cannot be shared or locked";
  }

  public static LoadResult load(String yaml) {
    return new CatalogueLoader().load(new SourceFile("backup-catalogue.yaml", yaml));
  }

  /** Every diagnostic of the text, as {@code file:line:col: severity[CODE]: message}. */
  public static List<String> headlines(String yaml) {
    return BackupCatalogue.validate(new SourceFile("backup-catalogue.yaml", yaml)).all().stream()
        .map(d -> d.headline("backup-catalogue.yaml")).toList();
  }

  /** The organization catalogue with one exact piece of text replaced. */
  public static String organizationWith(String from, String to) {
    if (!ORGANIZATION.contains(from)) {
      throw new IllegalArgumentException("not in the base catalogue: " + from);
    }
    return ORGANIZATION.replace(from, to);
  }
}
