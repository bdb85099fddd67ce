<#import "lib.tf.ftl" as lib>
<@lib.header "decommission stub of account ${module.accountName} (${module.accountId})."/>
# Reason: ${module.reason?replace("\n", " ")}
# The account left the catalogue. Its vaults, keys, locks and vault policies are removed from the
# state without being destroyed (removed blocks, destroy = false): the recovery points stay. An apply
# destroys the rest (backup role, Region settings, key grants). See README.md.

terraform {
  # removed blocks: Terraform >= 1.7, OpenTofu >= 1.7
  required_version = ">= 1.7.0"
}
<#list module.kept as address>

removed {
  from = ${address}

  lifecycle {
    destroy = false
  }
}
</#list>
