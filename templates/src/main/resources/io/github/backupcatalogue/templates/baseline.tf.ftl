<#if module.stackSet??>
<#import "lib.tf.ftl" as lib>
<#assign s = module.stackSet>
<@lib.header "the baseline StackSet: the backup role and member vaults in every account of the baseline OUs."/>
# Service-managed, with automatic deployment: an account created in (or moved into) one of the OUs
# ${s.organizationalUnits?join(", ")} gets the stack within minutes; the accounts the catalogue lists
# have modules of their own and are left out. The stacks keep vaults and keys (DeletionPolicy Retain).
# The template is generated from the same plan as the account modules.

locals {
  baseline_template = <<-EOT
${heredoc(s.template.text, 4)}
  EOT
}

# Source: ${s.source} (${s.template.sentBytes} of 51200 bytes of template body)
resource "aws_cloudformation_stack_set" "baseline" {
  name             = "${s.name}"
  description      = "AWS Backup role and member vaults of the baseline OUs (backup-catalogue)"
  permission_model = "SERVICE_MANAGED"
  call_as          = "${s.callAs}"
  capabilities     = ["CAPABILITY_NAMED_IAM"]
  template_body    = jsonencode(jsondecode(local.baseline_template))

  auto_deployment {
    enabled                          = true
    retain_stacks_on_account_removal = ${s.retainOnAccountRemoval?c}
  }

  operation_preferences {
    region_concurrency_type = "SEQUENTIAL"
    region_order            = [<#list s.regions as r>"${r}"<#sep>, </#sep></#list>]
  }

  lifecycle {
    ignore_changes = [administration_role_arn]
  }
}
<#list s.regions as r>

# Source: ${s.source}: the stacks in ${r}<#if r?is_first> (this region's stacks create the IAM role)</#if>
resource "aws_cloudformation_stack_set_instance" "baseline_${r?replace("-", "_")}" {
  stack_set_name            = aws_cloudformation_stack_set.baseline.name
  call_as                   = "${s.callAs}"
  stack_set_instance_region = "${r}"
  retain_stack              = true

  # Roll out to every account even when some fail (an account that already has a role or vault of
  # the same name); failed instances show in the StackSet's operation results.
  operation_preferences {
    max_concurrent_percentage    = 25
    failure_tolerance_percentage = 100
  }

  deployment_targets {
    organizational_unit_ids = [<#list s.organizationalUnitIds as id>"${id}"<#sep>, </#sep></#list>]
<#if s.excludedAccountIds?has_content>
    account_filter_type     = "DIFFERENCE"
    accounts                = [<#list s.excludedAccountIds as id>"${id}"<#sep>, </#sep></#list>]
</#if>
  }
<#if !r?is_first>

  depends_on = [aws_cloudformation_stack_set_instance.baseline_${s.regions[r?index - 1]?replace("-", "_")}]
</#if>
}
</#list>
</#if>
