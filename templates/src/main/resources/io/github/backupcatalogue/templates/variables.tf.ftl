<#import "lib.tf.ftl" as lib>
<@lib.header "inputs of the module."/>

variable "assume_role_arn" {
  description = "Role the providers assume in account ${module.accountId}; null to use the pipeline's credentials as they are."
  type        = string
<#if module.providers.assumeRoleArn??>
  default     = "${module.providers.assumeRoleArn}"
<#else>
  default     = null
</#if>
}
