<#if module.management??>
<#import "lib.tf.ftl" as lib>
<#assign m = module.management>
<@lib.header "organization-level AWS Backup setup in the management account."/>
<#list m.delegatedAdministrators as d>

# Source: <#if d.servicePrincipal == "backup.amazonaws.com">organization.delegated_administrators (${d.name})<#else>organization.baseline (${d.name})</#if>
# ${d.name} ${d.why}.
resource "aws_organizations_delegated_administrator" "${d.resourceName}" {
  account_id        = "${d.accountId}"
  service_principal = "${d.servicePrincipal}"
}
</#list>
<#if m.resourcePolicy??>

# Source: organization.policy_management = delegated_administrator
# Lets the delegated administrators read the organization and manage BACKUP_POLICY policies of
# this organization only (AWS's examples "Consolidated permissions to manage an organization's
# backup policies" and "Tag and untag policies"); plus organization.resource_policy_statements.
#
# !!! An organization has exactly ONE resource policy. Applying this module REPLACES any resource
# !!! policy the organization already has (for example a delegation of SCPs or tag policies).
# !!! Before the first apply, run `aws organizations describe-resource-policy` in the management
# !!! account and copy every statement you keep into organization.resource_policy_statements.
resource "aws_organizations_resource_policy" "backup_policy_delegation" {
  content = <<-EOT
${heredoc(m.resourcePolicy.text, 4)}
  EOT

  depends_on = [<#list m.delegatedAdministrators as d>aws_organizations_delegated_administrator.${d.resourceName}<#sep>, </#sep></#list>]
}
</#if>
<#if m.ramSharingFor?has_content>

# Source: <#list m.ramSharingFor as v>vaults.${v}.air_gapped<#sep>, </#sep></#list>: their AWS RAM shares admit only accounts of
# this organization (allow_external_principals = false), which RAM treats as such, without invitations,
# only once sharing with AWS Organizations is enabled, from the management account
# (EnableSharingWithAwsOrganization). Enabling is idempotent.
# Removing this resource would DISABLE RAM's trusted access for the whole organization (every share
# of every account), so it is protected: if no vault is shared any more, `terraform state rm` it first.
resource "aws_ram_sharing_with_organization" "this" {
<@lib.protect/>
}
</#if>
<#if m.globalSettings?has_content>

# Source: settings.cross_account_backup
# Settings the catalogue turns on. The others (${m.unmanagedGlobalSettings?join(", ")}) are left as
# they are: never switched off here, and ignored so that the plan shows no difference for them.
resource "aws_backup_global_settings" "this" {
  global_settings = {
<#list m.globalSettings as k, v>
    "${k}" = "${v}"
</#list>
  }

  lifecycle {
    ignore_changes = [
<#list m.unmanagedGlobalSettings as k>
      global_settings["${k}"],
</#list>
    ]
  }
}
</#if>
</#if>
