<#if module.jobEvents??>
<#import "lib.tf.ftl" as lib>
<#assign e = module.jobEvents>
<#if e.forwardingRole??>
<@lib.header "forwarding of AWS Backup job events to ${e.receiver} (notifications.organization_events)."/>
<#assign r = e.forwardingRole>

# Source: ${r.source}
# AWS Backup sends job events only to this account's default event bus, in the Region of the job;
# EventBridge assumes this role to forward the matching ones to ${e.receiver}.
resource "aws_iam_role" "${r.resourceName}" {
  name                 = "${r.name}"
  path                 = "${r.path}"
  description          = "Assumed by EventBridge to forward AWS Backup job events to ${e.receiver} (backup-catalogue)"
<#if r.permissionsBoundary??>
  permissions_boundary = "${r.permissionsBoundary}"
</#if>
  assume_role_policy   = <<-EOT
${heredoc(r.trustPolicy.text, 4)}
  EOT
}
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
<#list e.forwards as f>
<@rule f e.source/>
</#list>
<#else>
<@lib.header "the event buses receiving every account's AWS Backup job events, and the rules publishing them (notifications.organization_events)."/>
<#list e.buses as b>

# Source: ${e.source} (${b.region}); forwarded by <#list b.senders as name, id>${name}<#sep>, </#sep></#list>
resource "aws_cloudwatch_event_bus" "${b.resourceName}" {
  provider = aws.${b.providerAlias}
  name     = "${b.name}"
}

# Source: ${e.source}: exactly the forwarding roles of these accounts may put events.
resource "aws_cloudwatch_event_bus_policy" "${b.resourceName}" {
  provider       = aws.${b.providerAlias}
  event_bus_name = aws_cloudwatch_event_bus.${b.resourceName}.name
  policy         = <<-EOT
${heredoc(b.policy.text, 4, b.policy.references)}
  EOT
}
<@rule b.alerts e.source "aws_cloudwatch_event_bus.${b.resourceName}.name"/>
</#list>
<#list e.ownJobs as o>
<@rule o e.source/>
</#list>
</#if>
</#if>
<#macro rule r source bus="">

# Source: ${source} (${r.region})
resource "aws_cloudwatch_event_rule" "${r.resourceName}" {
  provider       = aws.${r.providerAlias}
  name           = "${r.name}"
<#if bus?has_content>
  event_bus_name = ${bus}
</#if>
  description    = "${r.description}"
  event_pattern  = <<-EOT
${heredoc(r.pattern.text, 4)}
  EOT
}

resource "aws_cloudwatch_event_target" "${r.resourceName}" {
  provider       = aws.${r.providerAlias}
  rule           = aws_cloudwatch_event_rule.${r.resourceName}.name
<#if bus?has_content>
  event_bus_name = ${bus}
</#if>
  target_id      = "${r.targetId}"
<#if r.targetArn??>
  arn            = "${r.targetArn}"
  role_arn       = aws_iam_role.job_event_forwarding.arn
<#else>
  arn            = ${r.targetResource}.arn
  depends_on     = [aws_sns_topic_policy.${r.targetResource?remove_beginning("aws_sns_topic.")}]
</#if>
}
</#macro>
