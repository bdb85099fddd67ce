provider "aws" {
  region              = "eu-central-1"
  allowed_account_ids = ["222222222222"]

  default_tags {
    tags = {
      ManagedBy = "backup-catalogue"
    }
  }

  dynamic "assume_role" {
    for_each = var.assume_role_arn == null ? [] : [var.assume_role_arn]
    content {
      role_arn = assume_role.value
    }
  }
}

provider "aws" {
  alias               = "eu_west_1"
  region              = "eu-west-1"
  allowed_account_ids = ["222222222222"]

  default_tags {
    tags = {
      ManagedBy = "backup-catalogue"
    }
  }

  dynamic "assume_role" {
    for_each = var.assume_role_arn == null ? [] : [var.assume_role_arn]
    content {
      role_arn = assume_role.value
    }
  }
}
