<#if module.prerequisites??>
<#import "lib.tf.ftl" as lib>
<#assign q = module.prerequisites>
<@lib.header "checks of the organization, made by `terraform plan` before anything is changed."/>
# A failed check stops the plan with the command that fixes it (see also "Before the first apply"
# in this module's README.md).

# Source: organization (id, root_id) and what the modules need of it
data "aws_organizations_organization" "this" {
  lifecycle {
    postcondition {
      condition     = self.id == "${q.organizationId}"
      error_message = "<#noparse>These credentials are in organization ${self.id}</#noparse>, but the catalogue describes ${q.organizationId}: check the pipeline's credentials or organization.id."
    }
    postcondition {
      condition     = try(self.roots[0].id, "") == "${q.rootId}"
      error_message = "The organization's root is not ${q.rootId} (or it cannot be read from this account): check organization.root_id<#if module.path == "policies">, and that the management module was applied (its resource policy lets this account read the organization)</#if>."
    }
<#if q.backupPolicyType>
    postcondition {
      condition     = contains(self.enabled_policy_types, "BACKUP_POLICY")
      error_message = "The BACKUP_POLICY policy type is not enabled on root ${q.rootId}, so backup policies cannot be attached. Enable it once, from the management account: aws organizations enable-policy-type --root-id ${q.rootId} --policy-type BACKUP_POLICY"
    }
</#if>
<#list q.trustedAccess as t>
    postcondition {
      condition     = contains(self.aws_service_access_principals, "${t.servicePrincipal}")
      error_message = "Trusted access for ${t.servicePrincipal} is off (needed by ${t.why}). Enable it once, from the management account: <#if t.servicePrincipal == "backup.amazonaws.com">aws organizations enable-aws-service-access --service-principal backup.amazonaws.com (AWS recommends the AWS Backup console, Settings, which also does AWS Backup's own setup)<#else>aws cloudformation activate-organizations-access</#if>"
    }
</#list>
  }
}
<#if module.coverage?has_content>

locals {
  # The accounts the catalogue places below each attachment target (each has its own module).
  catalogue_accounts = {
<#list module.coverage as v>
    ${v.resourceName} = [<#list v.expected as id>"${id}"<#sep>, </#sep></#list>]
</#list>
  }

  # Accounts that receive a backup policy but are deliberately left unprotected
  # (organization.excluded_accounts): id = "name: reason".
<#if module.coverage[0].excluded?has_content>
  excluded_accounts = {
<#list module.coverage[0].excluded as id, why>
    "${id}" = "${why}"
</#list>
  }
<#else>
  excluded_accounts = {}
</#if>
}
</#if>
<#list module.coverage as v>
<#assign expected = "local.catalogue_accounts." + v.resourceName>

# Source: ${v.source}
# AWS Organizations retired the accounts' Status on 9 September 2026: State is what is read.
# Every active account below ${v.targetKind} ${v.targetName} (${v.targetId}) receives the backup
# policies ${v.policies?join(", ")}: <#if v.baseline>the baseline StackSet protects each one.<#else>each needs the backup role and vaults, or its backup jobs fail.</#if>
data "aws_organizations_organizational_unit_descendant_accounts" "${v.resourceName}" {
  parent_id = "${v.targetId}"

  lifecycle {
<#if !v.baseline>
    postcondition {
      condition     = length(setsubtract([for a in self.accounts : a.id if a.state == "ACTIVE"], concat(${expected}, keys(local.excluded_accounts)))) == 0
      error_message = "<#noparse>Accounts ${join(", ", setsubtract([for a in self.accounts : a.id if a.state == "ACTIVE"], concat(</#noparse>${expected}<#noparse>, keys(local.excluded_accounts))))}</#noparse> below ${v.targetKind} ${v.targetName} receive backup policies but have no backup role or vault, so their backup jobs fail. Add each to organization.accounts in the catalogue (with its ou), or list it under organization.excluded_accounts with the reason, then generate again."
    }
</#if>
    postcondition {
      condition     = length(setsubtract(${expected}, [for a in self.accounts : a.id])) == 0
      error_message = "<#noparse>Accounts ${join(", ", setsubtract(</#noparse>${expected}<#noparse>, [for a in self.accounts : a.id]))}</#noparse> are below ${v.targetKind} ${v.targetName} in the catalogue but not in AWS Organizations, so they do not receive its backup policies. Correct their ou in the catalogue (or move the accounts)."
    }
  }
}
</#list>
</#if>
