<#import "lib.tf.ftl" as lib>
<@lib.header "inputs of the module."/>

variable "assume_role_arn" {
  description = "Role the providers assume in account ${module.accountId}; null to use the pipeline's credentials as they are. A pipeline sets it per module in a tfvars file (-var-file), e.g. assume_role_arn = null."
  type        = string
  nullable    = true
<#if module.providers.assumeRoleArn??>
  default     = "${module.providers.assumeRoleArn}"
<#else>
  default     = null
</#if>
}
