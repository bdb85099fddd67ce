<#if module.keys?has_content || module.keyGrants?has_content>
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
${heredoc(k.policy.text, 4, k.policy.references)}
  EOT
<@lib.protect/>
}

resource "aws_kms_alias" "${k.resourceName}" {
  provider      = aws.${k.providerAlias}
  name          = "${k.alias}"
  target_key_id = aws_kms_key.${k.resourceName}.key_id
}
</#list>
<#list module.keyGrants as g>
<#if g.restoreTesting>

# Source: ${g.source} (${g.region}), for restore_testing
# Restore tests of resource types AWS Backup does not fully manage (RDS, Aurora, EBS, ...) restore
# recovery points encrypted with the resource's own key: the restore testing role needs its use.
resource "aws_kms_grant" "${g.resourceName}" {
  provider          = aws.${g.providerAlias}
  name              = "backup-catalogue-restore-testing"
  key_id            = "${g.keyArn}"
  grantee_principal = ${g.grantee}
  operations        = [<#list g.operations as o>"${o}"<#sep>, </#sep></#list>]
}
<#else>

# Source: ${g.source} (${g.region})
# Backups of resource types AWS Backup does not fully manage (RDS, Aurora, EBS, ...) keep the
# resource's own key: a copy to account ${g.granteeAccount} needs that key shared with it.
resource "aws_kms_grant" "${g.resourceName}" {
  provider          = aws.${g.providerAlias}
  name              = "backup-catalogue-copies-to-${g.granteeAccount}"
  key_id            = "${g.keyArn}"
  grantee_principal = "${g.grantee}"
  operations        = [<#list g.operations as o>"${o}"<#sep>, </#sep></#list>]
}
</#if>
</#list>
</#if>
