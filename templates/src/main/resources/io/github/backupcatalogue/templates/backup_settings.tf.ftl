<#if module.regionSettings?has_content>
<#import "lib.tf.ftl" as lib>
<@lib.header "AWS Backup's Region settings of this account."/>
# A tag selection backs up only the resource types opted in here; a cross-account copy of DynamoDB
# needs AWS Backup's full management of DynamoDB (its advanced features). Types the catalogue does
# not select are left as they are: they are ignored, never switched off. A type AWS adds later
# shows as a difference until the modules are generated again with a backup-catalogue that knows it.
<#list module.regionSettings as s>

# Source: ${s.source} in ${s.region}
resource "aws_backup_region_settings" "${s.resourceName}" {
  provider = aws.${s.providerAlias}

  resource_type_opt_in_preference = {
<#list s.optIn as t>
    "${t}" = true
</#list>
  }
<#if s.fullManagement?has_content>

  resource_type_management_preference = {
<#list s.fullManagement as t>
    "${t}" = true
</#list>
  }
</#if>

  lifecycle {
    ignore_changes = [
<#list s.unmanaged as t>
      resource_type_opt_in_preference["${t}"],
</#list>
<#list s.unmanagedFullManagement as t>
      resource_type_management_preference["${t}"],
</#list>
    ]
  }
}
</#list>
</#if>
