<#if module.management??>
<#import "lib.tf.ftl" as lib>
<#assign m = module.management>
<@lib.header "organization-level AWS Backup setup in the management account."/>
# Prerequisite (not managed here, it changes the organization itself): trusted access for AWS Backup,
#   aws organizations enable-aws-service-access --service-principal backup.amazonaws.com
<#list m.delegatedAdministrators as d>

# Source: organization.delegated_administrators (${d.name})
resource "aws_organizations_delegated_administrator" "${d.resourceName}" {
  account_id        = "${d.accountId}"
  service_principal = "backup.amazonaws.com"
}
</#list>
<#if m.resourcePolicy??>

# Source: organization.policy_management = delegated_administrator
# Lets the delegated administrators read the organization and manage BACKUP_POLICY policies of
# this organization only; nothing else.
resource "aws_organizations_resource_policy" "backup_policy_delegation" {
  content = <<-EOT
${heredoc(m.resourcePolicy, 4)}
  EOT

  depends_on = [<#list m.delegatedAdministrators as d>aws_organizations_delegated_administrator.${d.resourceName}<#sep>, </#sep></#list>]
}
</#if>

# Source: settings.cross_account_backup
resource "aws_backup_global_settings" "this" {
  global_settings = {
    "isCrossAccountBackupEnabled" = "${m.crossAccountBackup?c}"
  }
}
</#if>
