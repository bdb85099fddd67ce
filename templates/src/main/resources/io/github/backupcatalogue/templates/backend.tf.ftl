<#if output.backend??>
<#import "lib.tf.ftl" as lib>
<#assign b = output.backend>
<@lib.header "where this module keeps its Terraform state (deployment.state)."/>
# The key is the module's path: only the account's name in the catalogue moves it. S3 locks the
# state itself (use_lockfile: Terraform >= 1.11, OpenTofu >= 1.10); no DynamoDB table is needed.

terraform {
  backend "s3" {
    bucket       = "${b.bucket}"
    key          = "${b.keys[module.path]}"
    region       = "${b.region}"
    encrypt      = true
    use_lockfile = true
<#if b.roleArn??>

    assume_role {
      role_arn = "${b.roleArn}"
    }
</#if>
  }
}
</#if>
