<#if module.vaults?has_content>
<#import "lib.tf.ftl" as lib>
<@lib.header "backup vaults, their locks and access policies."/>
<#if module.needsDeployer>

# The identity applying this module (looked up, so a pipeline may use any role): the vault policies
# below let it, and the break-glass role, change or remove the policies and locks; nobody else.
data "aws_caller_identity" "deployer" {}

data "aws_iam_session_context" "deployer" {
  arn = data.aws_caller_identity.deployer.arn
}
</#if>
<#list module.vaults as v>

# Source: ${v.source} (${v.region})<#if v.copiesFrom?has_content>; receives copies from <#list v.copiesFrom as a>${a}<#sep>, </#sep></#list></#if><#if v.restoresFrom??>; receives copies back from ${v.restoresFrom} for restores</#if>
<#if v.airGapped??>
# Logically air-gapped: AWS locks it in compliance mode (retention ${v.airGapped.minRetentionDays}-${v.airGapped.maxRetentionDays} days) from creation and
# keeps its recovery points in an AWS Backup service account<#if !v.keyArn??>, encrypted with an AWS owned key</#if>.
resource "aws_backup_logically_air_gapped_vault" "${v.resourceName}" {
  provider           = aws.${v.providerAlias}
  name               = "${v.name}"
  min_retention_days = ${v.airGapped.minRetentionDays}
  max_retention_days = ${v.airGapped.maxRetentionDays}
<#if v.keyArn??>
  encryption_key_arn = "${v.keyArn}"
</#if>
<@lib.tags "tags" v.tags/>
<@lib.protect/>
}
<#if v.airGapped.shareWith?has_content>

# Source: ${v.source}.air_gapped.share_with: the accounts that restore from the vault see it through
# AWS RAM, to accounts of this organization only, without invitations: the management module enables
# RAM's sharing with AWS Organizations first (apply-order.json).
resource "aws_ram_resource_share" "${v.resourceName}" {
  provider                  = aws.${v.providerAlias}
  name                      = "${v.airGapped.shareName}"
  allow_external_principals = false
}

resource "aws_ram_resource_association" "${v.resourceName}" {
  provider           = aws.${v.providerAlias}
  resource_arn       = aws_backup_logically_air_gapped_vault.${v.resourceName}.arn
  resource_share_arn = aws_ram_resource_share.${v.resourceName}.arn
}
<#list v.airGapped.shareWith as name, id>

resource "aws_ram_principal_association" "${v.resourceName}_${id}" {
  provider           = aws.${v.providerAlias}
  principal          = "${id}"
  resource_share_arn = aws_ram_resource_share.${v.resourceName}.arn
}
</#list>
</#if>
<#else>
resource "aws_backup_vault" "${v.resourceName}" {
  provider      = aws.${v.providerAlias}
  name          = "${v.name}"
<#if v.keyResource??>
  kms_key_arn   = aws_kms_key.${v.keyResource}.arn
<#elseif v.keyArn??>
  kms_key_arn   = "${v.keyArn}"
</#if>
  force_destroy = false
<@lib.tags "tags" v.tags/>
<@lib.protect/>
}
</#if>
<#if v.lock??>

# Source: ${v.source}.lock (${v.lock.mode} mode<#if v.lock.mode == "compliance">: irreversible ${v.lock.changeableForDays} days after creation</#if>)
<#if v.lock.mode == "compliance">
# After those ${v.lock.changeableForDays} days AWS refuses any change of min/max retention: an apply that
# changes them fails, and the vault can never be deleted while it holds recovery points.
</#if>
resource "aws_backup_vault_lock_configuration" "${v.resourceName}" {
  provider            = aws.${v.providerAlias}
  backup_vault_name   = ${v.address}.name
<#if v.lock.minRetentionDays??>
  min_retention_days  = ${v.lock.minRetentionDays}
</#if>
<#if v.lock.maxRetentionDays??>
  max_retention_days  = ${v.lock.maxRetentionDays}
</#if>
<#if v.lock.changeableForDays??>
  changeable_for_days = ${v.lock.changeableForDays}
</#if>
<@lib.protect/>
}
</#if>
<#if v.accessPolicy??>

# Source: ${v.source}.access_policy
resource "aws_backup_vault_policy" "${v.resourceName}" {
  provider          = aws.${v.providerAlias}
  backup_vault_name = ${v.address}.name
  policy            = <<-EOT
${heredoc(v.accessPolicy.text, 4, v.accessPolicy.references)}
  EOT
}
</#if>
</#list>
</#if>
