<#if module.backupPlans?has_content>
<#import "lib.tf.ftl" as lib>
<#macro lifecycle l indent>
${indent}lifecycle {
<#if l.coldStorageAfter??>
${indent}  cold_storage_after = ${l.coldStorageAfter}
</#if>
${indent}  delete_after = ${l.deleteAfter}
${indent}  opt_in_to_archive_for_supported_resources = ${l.optInToArchive?c}
${indent}}
</#macro>
<@lib.header "backup plans and selections of this account."/>
<#list module.backupPlans as bp>

# Source: ${bp.source} (${bp.region})
resource "aws_backup_plan" "${bp.resourceName}" {
  provider = aws.${bp.providerAlias}
  name = "${bp.name}"
<#list bp.rules as rule>

  rule {
    rule_name = "${rule.name}"
    target_vault_name = aws_backup_vault.${rule.vaultResource}.name
    schedule = "${rule.schedule}"
<#if rule.timezone??>
    schedule_expression_timezone = "${rule.timezone}"
</#if>
    start_window = ${rule.startWindow}
    completion_window = ${rule.completionWindow}
    enable_continuous_backup = ${rule.continuous?c}
<@lib.tags "recovery_point_tags" rule.recoveryPointTags "    "/>

<@lifecycle rule.lifecycle "    "/>
<#list rule.copies as copy>

    copy_action {
      destination_vault_arn = aws_backup_vault.${copy.vaultResource}.arn

<@lifecycle copy.lifecycle "      "/>
    }
</#list>
<#if rule.scanMode??>

    scan_action {
      malware_scanner = "GUARDDUTY"
      scan_mode = "${rule.scanMode}"
    }
</#if>
  }
</#list>
<#if bp.windowsVss>

  advanced_backup_setting {
    resource_type = "EC2"
    backup_options = {
      WindowsVSS = "enabled"
    }
  }
</#if>
<#if bp.scanResourceTypes?has_content>

  scan_setting {
    malware_scanner = "GUARDDUTY"
    resource_types = [<#list bp.scanResourceTypes as t>"${t}"<#sep>, </#sep></#list>]
    scanner_role_arn = aws_iam_role.malware_scanner.arn
  }
</#if>
<@lib.tags "tags" bp.tags/>
}
<#list bp.selections as s>

# Source: ${bp.source}.selections.${s.name} (${bp.region})
resource "aws_backup_selection" "${s.resourceName}" {
  provider = aws.${bp.providerAlias}
  name = "${s.name}"
  plan_id = aws_backup_plan.${bp.resourceName}.id
  iam_role_arn = aws_iam_role.${s.roleResource}.arn
<#if s.resources?has_content>
  resources = [<#list s.resources as arn>"${arn}"<#sep>, </#sep></#list>]
</#if>
<#if s.notResources?has_content>
  not_resources = [<#list s.notResources as arn>"${arn}"<#sep>, </#sep></#list>]
</#if>
<#list s.tags as t>

  selection_tag {
    type = "STRINGEQUALS"
    key = "${t.key}"
    value = "${t.value}"
  }
</#list>
<#if s.conditions?has_content>

  condition {
<#list s.conditions as c>
    ${c.operator} {
      key = "${c.key}"
      value = "${c.value}"
    }
</#list>
  }
</#if>
}
</#list>
</#list>
</#if>
