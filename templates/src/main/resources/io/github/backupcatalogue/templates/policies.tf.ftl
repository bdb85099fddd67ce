<#if module.policies?has_content>
<#import "lib.tf.ftl" as lib>
<@lib.header "the organization's backup policies."/>
# Each document is readable here and sent minified (jsonencode), since AWS counts whitespace
# against the 10,000-character limit of a policy.

locals {
<#list module.policies as p>
  backup_policy_${p.resourceName} = <<-EOT
${heredoc(p.content, 4)}
  EOT
</#list>
}
<#list module.policies as p>

# Source: ${p.source} (${p.length} of 10000 characters as sent to AWS)
resource "aws_organizations_policy" "${p.resourceName}" {
  name        = "${p.name}"
  description = "${p.description}"
  type        = "BACKUP_POLICY"
  content     = jsonencode(jsondecode(local.backup_policy_${p.resourceName}))
}
<#list p.attachments as a>

# Source: ${p.source}.attach_to: ${a.targetKind} ${a.targetName}
resource "aws_organizations_policy_attachment" "${a.resourceName}" {
  policy_id = aws_organizations_policy.${p.resourceName}.id
  target_id = "${a.targetId}"
}
</#list>
</#list>
</#if>
