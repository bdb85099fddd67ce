<#if module.role??>
<#import "lib.tf.ftl" as lib>
<#assign r = module.role>
<@lib.header "the IAM role AWS Backup uses in this account."/>

# Source: ${r.source}
resource "aws_iam_role" "${r.resourceName}" {
  name                 = "${r.name}"
  path                 = "${r.path}"
  description          = "Assumed by AWS Backup to back up and restore (backup-catalogue)"
<#if r.permissionsBoundary??>
  permissions_boundary = "${r.permissionsBoundary}"
</#if>
  assume_role_policy   = <<-EOT
${heredoc(r.trustPolicy, 4)}
  EOT
}
<#list r.managedPolicies as mp>

# Source: ${r.source}; ${mp.reason}
resource "aws_iam_role_policy_attachment" "${mp.resourceName}" {
  role       = aws_iam_role.${r.resourceName}.name
  policy_arn = "${mp.arn}"
}
</#list>
<#if r.copyKeysPolicy??>

# Source: copy_to of central vaults: the role may use exactly the central vault keys it copies
# into (matched by alias), as their key policies in turn name this role.
resource "aws_iam_role_policy" "central_vault_keys" {
  name   = "backup-catalogue-central-vault-keys"
  role   = aws_iam_role.${r.resourceName}.id
  policy = <<-EOT
${heredoc(r.copyKeysPolicy, 4)}
  EOT
}
</#if>
</#if>
