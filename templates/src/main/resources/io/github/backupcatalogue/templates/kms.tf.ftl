<#if module.keys?has_content>
<#import "lib.tf.ftl" as lib>
<@lib.header "customer-managed KMS keys of the backup vaults."/>
<#list module.keys as k>

# Source: ${k.source} (${k.region})
resource "aws_kms_key" "${k.resourceName}" {
  provider                = aws.${k.providerAlias}
  description             = "${k.description}"
  enable_key_rotation     = ${k.rotation?c}
  deletion_window_in_days = ${k.deletionWindowDays}
  policy                  = <<-EOT
${heredoc(k.policy, 4)}
  EOT
<@lib.protect/>
}

resource "aws_kms_alias" "${k.resourceName}" {
  provider      = aws.${k.providerAlias}
  name          = "${k.alias}"
  target_key_id = aws_kms_key.${k.resourceName}.key_id
}
</#list>
</#if>
