<#if module.frameworks?has_content || module.reportPlans?has_content>
<#import "lib.tf.ftl" as lib>
<@lib.header "AWS Backup Audit Manager: the catalogue's controls as frameworks, and its report plans."/>
# backup-catalogue checked every control it can judge against this account's effective plans
# before generating this file; AWS Backup Audit Manager checks them all again, continuously, once
# applied (it needs AWS Config recording in each region: see the README).
<#list module.frameworks as f>

# Source: ${f.source} in ${f.region}
resource "aws_backup_framework" "${f.resourceName}" {
  provider    = aws.${f.providerAlias}
  name        = "${f.name}"
  description = "${f.description}"
<#list f.controls as control>

  control {
    name = "${control.name}"
<#list control.inputParameters as p>

    input_parameter {
      name  = "${p.name}"
      value = "${p.value}"
    }
</#list>
<#if control.resourceTypes?has_content || control.tag??>

    scope {
<#if control.resourceTypes?has_content>
      compliance_resource_types = [<#list control.resourceTypes as t>"${t}"<#sep>, </#list>]
</#if>
<#if control.tag??>
      tags = {
        "${control.tag.key}" = "${control.tag.value}"
      }
</#if>
    }
</#if>
  }
</#list>
}
</#list>
<#list module.reportPlans as r>

# Source: ${r.source}
resource "aws_backup_report_plan" "${r.resourceName}" {
<#if r.providerAlias??>
  provider    = aws.${r.providerAlias}
</#if>
  name        = "${r.name}"
  description = "${r.description}"

  report_delivery_channel {
    s3_bucket_name = "${r.bucket}"
<#if r.keyPrefix??>
    s3_key_prefix  = "${r.keyPrefix}"
</#if>
    formats        = [<#list r.formats as x>"${x}"<#sep>, </#list>]
  }

  report_setting {
    report_template = "${r.template}"
<#if r.accounts?has_content>
    accounts        = [<#list r.accounts as x>"${x}"<#sep>, </#list>]
</#if>
<#if r.regions?has_content>
    regions         = [<#list r.regions as x>"${x}"<#sep>, </#list>]
</#if>
<#if r.frameworkReferences?has_content>
    framework_arns  = [<#list r.frameworkReferences as x>${x?no_esc}<#sep>, </#list>]
</#if>
  }
}
</#list>
</#if>
