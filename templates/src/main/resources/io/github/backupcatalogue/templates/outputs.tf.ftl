<#import "lib.tf.ftl" as lib>
<#if module.role?? || module.vaults?has_content || module.policies?has_content || module.management??>
<@lib.header "outputs for pipelines and other modules."/>
<#if module.role??>

output "backup_role_arn" {
  description = "ARN of the role AWS Backup uses in this account."
  value       = aws_iam_role.${module.role.resourceName}.arn
}
</#if>
<#if module.vaults?has_content>

output "vault_arns" {
  description = "Backup vault ARNs by \"<vault> <region>\"."
  value = {
<#list module.vaults as v>
    "${v.name} ${v.region}" = aws_backup_vault.${v.resourceName}.arn
</#list>
  }
}
</#if>
<#if module.keys?has_content>

output "key_arns" {
  description = "KMS key ARNs by \"<vault> <region>\"."
  value = {
<#list module.keys as k>
    "${k.vault} ${k.region}" = aws_kms_key.${k.resourceName}.arn
</#list>
  }
}
</#if>
<#if module.policies?has_content>

output "backup_policy_ids" {
  description = "Organizations backup policy ids by policy name."
  value = {
<#list module.policies as p>
    "${p.name}" = aws_organizations_policy.${p.resourceName}.id
</#list>
  }
}
</#if>
<#if module.management?? && module.management.globalSettings?has_content>

output "cross_account_backup" {
  description = "Whether cross-account backup is enabled for the organization."
  value       = aws_backup_global_settings.this.global_settings["isCrossAccountBackupEnabled"]
}
</#if>
</#if>
