package io.github.backupcatalogue.validate;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.backupcatalogue.catalogue.Catalogue;
import io.github.backupcatalogue.catalogue.Organization;
import io.github.backupcatalogue.catalogue.State;
import io.github.backupcatalogue.catalogue.StateBackend;
import io.github.backupcatalogue.diagnostics.Diagnostic;
import io.github.backupcatalogue.load.SourceMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where state lives and how accounts leave: {@code deployment.state} (BC120-BC124, BC320, BC375) and
 * {@code organization.decommissioned} (BC125, BC126).
 *
 * <p>S3 bucket names follow the general purpose bucket naming rules of the Amazon S3 User Guide
 * ("Bucket naming rules"): 3-63 characters, lower-case letters, digits, dots and hyphens, beginning
 * and ending with a letter or digit, no two adjacent dots, not shaped like an IP address, none of
 * the reserved prefixes and suffixes. The backend's {@code key} must not start or end with '/' nor
 * contain '//' (the S3 backend's documentation); the prefix here is held to S3's "safe characters"
 * for object keys so it reaches S3 exactly as written.
 */
final class StateRules extends RuleSupport {

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
  private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");
  private static final Pattern KEY_PREFIX = Pattern.compile("[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*");
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

  StateRules(SourceMap sourceMap, List<Diagnostic> problems) {
    super(sourceMap, problems);
  }

  void check(Catalogue c) {
    State state = c.deployment().state();
    if (state != null && state.backend() == StateBackend.NONE) {
      warning("BC320", value("deployment", "state", "backend"), "state backend none: every module keeps its Terraform "
              + "state in a local terraform.tfstate, which is lost with the checkout and cannot be shared or locked",
          "use backend: s3 with bucket and region, or acknowledge BC320 when a wrapper supplies the backend");
      for (String key : List.of("bucket", "region", "role_arn")) {
        if (sourceMap.has(ptr("deployment", "state", key))) {
          error("BC120", key("deployment", "state", key), key + " is set but backend is none, so nothing uses it",
              "write backend: s3, or remove " + key);
        }
      }
    } else if (state != null) {
      checkS3(state);
    }
    if (c.organization() != null) {
      checkDecommissioned(c.organization());
    }
  }

  /**
   * BC375, once the catalogue is otherwise valid: an organization's catalogue without
   * deployment.state generates modules that keep local state, like backend none (BC320) but without
   * having said so; the warning sits on {@code deployment} when it is written, else on
   * {@code organization}, so an acknowledgement can name either.
   */
  void checkStateIsChosen(Catalogue c) {
    if (c.deployment().state() != null || c.organization() == null) {
      return;
    }
    boolean deployment = sourceMap.has(ptr("deployment"));
    warning("BC375", deployment ? key("deployment") : key("organization"), (deployment ? "deployment has no state"
            : "the catalogue has no deployment.state") + ": every module of this organization keeps its Terraform state in "
            + "a local terraform.tfstate, which is lost with the checkout and cannot be shared or locked",
        "add 'deployment: {state: {backend: s3, bucket: <state bucket>, region: <its region>}}', or write backend: none "
            + "when a wrapper supplies the backend (and acknowledge BC320)");
  }

  private void checkS3(State state) {
    if (state.bucket() == null) {
      error("BC120", key("deployment", "state"), "backend s3 needs the bucket", "add bucket: the name of the state bucket");
    } else {
      checkBucket(state.bucket());
    }
    if (state.region() == null) {
      error("BC120", key("deployment", "state"), "backend s3 needs the bucket's region", "add region, e.g. region: eu-west-1");
    } else {
      checkRegion(state.region(), ptr("deployment", "state", "region"));
    }
    if (!KEY_PREFIX.matcher(state.keyPrefix()).matches()) {
      error("BC123", value("deployment", "state", "key_prefix"), "key_prefix '" + state.keyPrefix() + "' cannot start "
              + "a state object key as written",
          "use folders of letters, digits and !_.*'()- separated by single '/', with no '/' at either end, e.g. "
              + "backup-catalogue or infra/backup");
    }
    if (state.roleArn() != null && !ROLE_ARN.matcher(state.roleArn()).matches()) {
      error("BC124", value("deployment", "state", "role_arn"), "'" + state.roleArn() + "' is not an IAM role ARN",
          "e.g. arn:aws:iam::111111111111:role/TerraformState");
    }
  }

  private void checkBucket(String bucket) {
    String problem = null;
    if (!BUCKET.matcher(bucket).matches()) {
      problem = "must be 3-63 lower-case letters, digits, dots and hyphens, beginning and ending with a letter or digit";
    } else if (bucket.contains("..")) {
      problem = "must not have two dots in a row";
    } else if (IP_ADDRESS.matcher(bucket).matches()) {
      problem = "must not look like an IP address";
    } else if (RESERVED_PREFIXES.stream().anyMatch(bucket::startsWith)) {
      problem = "must not start with " + String.join(", ", RESERVED_PREFIXES) + " (reserved by S3)";
    } else if (RESERVED_SUFFIXES.stream().anyMatch(bucket::endsWith)) {
      problem = "must not end with " + String.join(", ", RESERVED_SUFFIXES) + " (reserved by S3)";
    }
    if (problem != null) {
      error("BC121", value("deployment", "state", "bucket"), "'" + bucket + "' is not an S3 bucket name: it " + problem,
          "name the existing state bucket exactly, e.g. acme-terraform-state");
    }
  }

  private void checkDecommissioned(Organization org) {
    Set<String> liveIds = new HashSet<>();
    org.accounts().values().forEach(a -> liveIds.add(a.id()));
    org.excludedAccounts().values().forEach(a -> liveIds.add(a.id()));
    org.decommissioned().forEach((name, gone) -> {
      JsonPointer p = ptr("organization", "decommissioned", name);
      checkModuleName(name, sourceMap.key(p));
      checkAccountId(gone.id(), sourceMap.value(p.appendProperty("id")));
      if (org.accounts().containsKey(name) || org.excludedAccounts().containsKey(name)) {
        error("BC125", sourceMap.key(p), "account '" + name + "' is decommissioned and still in organization."
                + (org.accounts().containsKey(name) ? "accounts" : "excluded_accounts"),
            "remove it from one of the two: a decommissioned account has no module any more");
      } else if (liveIds.contains(gone.id())) {
        error("BC125", sourceMap.value(p.appendProperty("id")), "account id " + gone.id() + " of decommissioned '" + name
            + "' is still in the organization under another name", "remove one of the two entries");
      }
      if (gone.reason().isBlank()) {
        error("BC126", sourceMap.value(p.appendProperty("reason")), "decommissioned account '" + name + "' gives no reason",
            "say why the account leaves, for reviewers and auditors");
      }
    });
  }
}
