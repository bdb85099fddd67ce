<#import "lib.tf.ftl" as lib>
<@lib.header "Terraform and provider versions."/>
<#if output.backend??>
# 1.10: the S3 backend's use_lockfile (backend.tf); OpenTofu 1.10 and later also read this module.
</#if>

terraform {
  required_version = "${output.backend???then(">= 1.10.0", ">= 1.6.0")}"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.25"
    }
  }
}
