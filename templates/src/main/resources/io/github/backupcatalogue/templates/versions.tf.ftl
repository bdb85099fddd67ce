<#import "lib.tf.ftl" as lib>
<@lib.header "Terraform and provider versions."/>
<#if output.backend??>
# 1.11: the S3 backend's use_lockfile (backend.tf), generally available from Terraform 1.11 (experimental in
# 1.10); OpenTofu, which has it from 1.10, reads the same constraint against its own version.
</#if>

terraform {
  required_version = "${output.backend???then(">= 1.11.0", ">= 1.6.0")}"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.25"
    }
  }
}
