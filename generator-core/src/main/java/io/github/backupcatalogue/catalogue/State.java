package io.github.backupcatalogue.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where the modules keep their Terraform state. With {@code s3} every module gets a
 * {@code backend.tf}: the state of module {@code accounts/app} is the object
 * {@code <key_prefix>/accounts/app/terraform.tfstate}, locked by S3 itself
 * ({@code use_lockfile = true}, generally available in Terraform 1.11 and OpenTofu 1.10 and later). The key comes from the
 * module's path, which comes from the account's key in the catalogue: descriptions, reasons and
 * tags never move a module's state.
 *
 * @param backend s3, or none for local state files (a warning: local state is lost with the
 *     checkout)
 * @param bucket the state bucket (it must exist: see the README's bootstrap)
 * @param region the bucket's region
 * @param keyPrefix the folder of the modules' state objects in the bucket
 * @param roleArn a role the backend assumes to reach the bucket, when the pipeline's credentials
 *     cannot
 */
public record State(
    @Doc(value = "s3, or none for local state files (a warning: local state is lost with the checkout).", example = "s3") @JsonProperty(required = true) StateBackend backend,
    @Doc(value = "The state bucket (it must exist: see the README's bootstrap); s3 only.", pattern = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", example = "acme-terraform-state") String bucket,
    @Doc(value = "The bucket's region; s3 only.", example = "eu-west-1") String region,
    @Doc(value = "The folder of the modules' state objects in the bucket; s3 only.", defaultValue = "backup-catalogue", pattern = "^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*$", example = "backup-catalogue") String keyPrefix,
    @Doc(value = "A role the backend assumes to reach the bucket, when the pipeline's credentials cannot; s3 only.", pattern = "^arn:aws:iam::[0-9]{12}:role/.+$", example = "arn:aws:iam::111111111111:role/TerraformState") String roleArn) {

  /** The default folder of the state objects. */
  public static final String DEFAULT_KEY_PREFIX = "backup-catalogue";

  public State {
    keyPrefix = Immutables.orDefault(keyPrefix, DEFAULT_KEY_PREFIX);
  }

  /** The state object of a module: its path under the prefix, so only the account's catalogue key names it. */
  public String key(String modulePath) {
    return keyPrefix + "/" + modulePath + "/terraform.tfstate";
  }
}
