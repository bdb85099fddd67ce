<#import "lib.tf.ftl" as lib>
<#if module.role?? || module.vaults?has_content || module.policies?has_content || module.management?? || module.prerequisites??>
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
    "${v.name} ${v.region}" = ${v.address}.arn
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
<#if module.prerequisites??>

output "organization_id" {
  description = "The organization these credentials are in, as checked against the catalogue (checks.tf)."
  value       = data.aws_organizations_organization.this.id
}
</#if>
<#if module.coverage?has_content>

output "accounts_receiving_backup_policies" {
  description = "Active accounts below each attachment target, as AWS Organizations lists them (checked in checks.tf)."
  value = {
<#list module.coverage as v>
    "${v.targetName}" = sort([for a in data.aws_organizations_organizational_unit_descendant_accounts.${v.resourceName}.accounts : a.id if a.state == "ACTIVE"])
</#list>
  }
}
</#if>
</#if>
