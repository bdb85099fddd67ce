<#import "lib.tf.ftl" as lib>
<#assign p = module.providers>
<#macro body>
  allowed_account_ids = ["${p.accountId}"]

  dynamic "assume_role" {
    for_each = var.assume_role_arn == null ? [] : [var.assume_role_arn]
    content {
      role_arn = assume_role.value
    }
  }

  default_tags {
    tags = local.default_tags
  }
</#macro>
<@lib.header "one AWS provider per region of account ${module.accountName} (${p.accountId})."/>
# allowed_account_ids stops a plan or apply with credentials of any other account.

# Home region ${p.homeRegion}: global resources (IAM) use this provider.
provider "aws" {
  region = "${p.homeRegion}"
<@body/>
}
<#list p.regions as r>

provider "aws" {
  alias  = "${r.alias}"
  region = "${r.region}"
<@body/>
}
</#list>

locals {
<@lib.tags "default_tags" p.defaultTags/>
}
