<#import "lib.tf.ftl" as lib>
<#if module.queueSubscriptions?has_content>
<@lib.header "Subscriptions of this account's SQS queues to the vault-event topics of other accounts."/>
<#list module.queueSubscriptions as s>

# Source: ${s.source}
# The queue's account subscribes it (no confirmation needed), in the topic's region; module ${s.topicModule} creates the topic.
# ${s.note}
resource "aws_sns_topic_subscription" "${s.resourceName}" {
  provider  = aws.${s.providerAlias}
  topic_arn = "${s.topicArn}"
  protocol  = "sqs"
  endpoint  = "${s.endpoint}"
<#if s.filterPolicy??>
  # only_failures: successful jobs report State COMPLETED; everything else is delivered
  filter_policy = "${s.filterPolicy}"
</#if>
}
</#list>
</#if>
<#if module.topics?has_content>
<@lib.header "SNS topics for vault events, their keys, policies and subscriptions, and the vault notifications."/>
<#list module.topics as t>

<#if t.vaults?has_content>
# Source: ${t.source} (${t.region}); vaults publishing to it: <#list t.vaults as v>${v}<#sep>, </#sep></#list>
# AWS Backup publishes only to topics of the vault's own account, so each account has its own.
<#else>
# Source: ${t.source} (${t.region}); the topic of notifications.organization_events in this Region
</#if>
resource "aws_kms_key" "${t.resourceName}_sns" {
  provider                = aws.${t.providerAlias}
  description             = "Encrypts SNS topic ${t.name} of AWS Backup <#if t.vaults?has_content>vault<#else>job</#if> events (backup-catalogue)"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = <<-EOT
${heredoc(t.keyPolicy.text, 4, t.keyPolicy.references)}
  EOT
<@lib.protect/>
}

resource "aws_kms_alias" "${t.resourceName}_sns" {
  provider      = aws.${t.providerAlias}
  name          = "${t.keyAlias}"
  target_key_id = aws_kms_key.${t.resourceName}_sns.key_id
}

resource "aws_sns_topic" "${t.resourceName}" {
  provider          = aws.${t.providerAlias}
  name              = "${t.name}"
  kms_master_key_id = aws_kms_key.${t.resourceName}_sns.arn
<@lib.tags "tags" t.tags/>
}

<#assign queues = t.policy.text?contains("AllowTheQueueAccountToSubscribeItsQueue")>
<#if !t.eventRules?has_content>
# Source: ${t.source}: exactly AWS Backup, acting for this account, may publish<#if queues>; the accounts of subscribed SQS queues may subscribe exactly those queues</#if>.
<#elseif t.vaults?has_content>
# Source: ${t.source}: exactly AWS Backup, acting for this account, and the job event rules may publish<#if queues>; the accounts of subscribed SQS queues may subscribe exactly those queues</#if>.
<#else>
# Source: ${t.source}: exactly the job event rules of notifications.organization_events may publish<#if queues>; the accounts of subscribed SQS queues may subscribe exactly those queues</#if>.
</#if>
resource "aws_sns_topic_policy" "${t.resourceName}" {
<#if t.policy.text?contains("AllowTheQueueAccountToSubscribeItsQueue")>
  #checkov:skip=CKV_AWS_385:the only cross-account statement lets the account of a subscribed SQS queue subscribe exactly that queue (sns:Protocol sqs, sns:Endpoint its ARN), as SNS requires when the queue owner subscribes
</#if>
  provider = aws.${t.providerAlias}
  arn      = aws_sns_topic.${t.resourceName}.arn
  policy   = <<-EOT
${heredoc(t.policy.text, 4, t.policy.references)}
  EOT
}
<#list t.subscriptions as s>

# Source: ${s.source}
# ${s.note}
resource "aws_sns_topic_subscription" "${s.resourceName}" {
  provider  = aws.${t.providerAlias}
  topic_arn = aws_sns_topic.${t.resourceName}.arn
  protocol  = "${s.protocol}"
  endpoint  = "${s.endpoint}"
<#if s.filterPolicy??>
  # only_failures: successful jobs report State COMPLETED; everything else is delivered
<#if t.eventRules?has_content>
  # (the job events of organization_events carry no State attribute: their rules already chose the states)
</#if>
  filter_policy = "${s.filterPolicy}"
</#if>
}
</#list>
</#list>
<#list module.vaults as v>
<#if v.notifications??>

# Source: ${v.source}.notifications (${v.region})
resource "aws_backup_vault_notifications" "${v.resourceName}" {
  provider            = aws.${v.providerAlias}
  backup_vault_name   = ${v.address}.name
  sns_topic_arn       = aws_sns_topic.${v.notifications.topicResource}.arn
  backup_vault_events = [<#list v.notifications.events as e>"${e}"<#sep>, </#sep></#list>]
  depends_on          = [aws_sns_topic_policy.${v.notifications.topicResource}]
}
</#if>
</#list>
</#if>
