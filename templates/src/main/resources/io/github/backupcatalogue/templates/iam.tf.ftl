<#if module.role??>
<#import "lib.tf.ftl" as lib>
<@lib.header "the IAM role AWS Backup uses in this account."/>

<@role module.role/>
<#list module.namedRoles as named>

<@role named/>
</#list>
<#if module.malwareScannerRole??>
<#assign scanner = module.malwareScannerRole>

# Source: ${scanner.source}: the role GuardDuty Malware Protection assumes to read the recovery
# points AWS Backup asks it to scan; it reads, it cannot back up, restore or delete them.
resource "aws_iam_role" "${scanner.resourceName}" {
  name                 = "${scanner.name}"
  path                 = "${scanner.path}"
  description          = "Assumed by GuardDuty to scan backups for malware (backup-catalogue)"
<#if scanner.permissionsBoundary??>
  permissions_boundary = "${scanner.permissionsBoundary}"
</#if>
  assume_role_policy   = <<-EOT
${heredoc(scanner.trustPolicy.text, 4)}
  EOT
}
<#list scanner.managedPolicies as mp>

# Source: ${scanner.source}; ${mp.reason}
resource "aws_iam_role_policy_attachment" "${mp.resourceName}" {
  role       = aws_iam_role.${scanner.resourceName}.name
  policy_arn = "${mp.arn}"
}
</#list>
</#if>
</#if>
<#macro role r>
# Source: ${r.source}
resource "aws_iam_role" "${r.resourceName}" {
  name                 = "${r.name}"
  path                 = "${r.path}"
  description          = "Assumed by AWS Backup to back up and restore (backup-catalogue)"
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
<#list r.inlinePolicies as ip>

# Source: ${ip.comment}
resource "aws_iam_role_policy" "${ip.resourceName}" {
  name   = "${ip.name}"
  role   = aws_iam_role.${r.resourceName}.id
  policy = <<-EOT
${heredoc(ip.policy, 4)}
  EOT
}
</#list>
</#macro>
