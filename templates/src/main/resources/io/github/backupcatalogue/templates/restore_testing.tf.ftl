<#if module.restoreTests?has_content>
<#import "lib.tf.ftl" as lib>
<#assign r = module.restoreTestingRole>
<@lib.header "restore testing plans, their selections and the role restore tests assume."/>

# Source: ${r.source}: the role AWS Backup assumes to restore the tested recovery points; it can
# restore, not back up or delete recovery points. The tested vaults' key policies name it.
resource "aws_iam_role" "${r.resourceName}" {
  name                 = "${r.name}"
  path                 = "${r.path}"
  description          = "Assumed by AWS Backup for restore tests (backup-catalogue)"
<#if r.permissionsBoundary??>
  permissions_boundary = "${r.permissionsBoundary}"
</#if>
  assume_role_policy   = <<-EOT
${heredoc(r.trustPolicy.text, 4)}
  EOT
}
<#list r.managedPolicies as mp>

# Source: ${r.source}; ${mp.reason}
resource "aws_iam_role_policy_attachment" "${mp.resourceName}" {
  role       = aws_iam_role.${r.resourceName}.name
  policy_arn = "${mp.arn}"
}
</#list>
<#list module.restoreTests as t>

# Source: ${t.source} (${t.region})
resource "aws_backup_restore_testing_plan" "${t.resourceName}" {
  provider                     = aws.${t.providerAlias}
  name                         = "${t.name}"
  schedule_expression          = "${t.schedule}"
<#if t.timezone??>
  schedule_expression_timezone = "${t.timezone}"
</#if>
  start_window_hours           = ${t.startWindowHours}
<@lib.tags "tags" t.tags/>

  recovery_point_selection {
    algorithm             = "${t.algorithm}"
    include_vaults        = [<#list t.vaultResources as v>${v}.arn<#sep>, </#sep></#list>]
    recovery_point_types  = [<#list t.recoveryPointTypes as rt>"${rt}"<#sep>, </#sep></#list>]
    selection_window_days = ${t.selectionWindowDays}
  }
}
<#list t.selections as s>

# Source: ${s.source} (${t.region})
resource "aws_backup_restore_testing_selection" "${s.resourceName}" {
  provider                  = aws.${t.providerAlias}
  name                      = "${s.name}"
  restore_testing_plan_name = aws_backup_restore_testing_plan.${t.resourceName}.name
  protected_resource_type   = "${s.resourceType}"
  iam_role_arn              = aws_iam_role.${r.resourceName}.arn
<#if !(s.tagEquals?has_content || s.tagNotEquals?has_content)>
  protected_resource_arns   = [<#list s.resources as a>"${a}"<#sep>, </#sep></#list>]
</#if>
<#if s.validationWindowHours??>
  validation_window_hours   = ${s.validationWindowHours}
</#if>
<#if s.restoreMetadataOverrides?has_content>
<@lib.tags "restore_metadata_overrides" s.restoreMetadataOverrides/>
</#if>
<#if s.tagEquals?has_content || s.tagNotEquals?has_content>

  protected_resource_conditions {
<#list s.tagEquals as c>
    string_equals {
      key   = "${c.key}"
      value = "${c.value}"
    }
</#list>
<#list s.tagNotEquals as c>
    string_not_equals {
      key   = "${c.key}"
      value = "${c.value}"
    }
</#list>
  }
</#if>
}
</#list>
</#list>
</#if>
