terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.25"
    }
  }
}

provider "aws" {
  region              = "eu-central-1"
  allowed_account_ids = ["222222222222"]
}

# BROKEN ON PURPOSE: a backup plan rule takes at most one lifecycle block.
resource "aws_backup_plan" "daily" {
  name = "backup-catalogue-daily"

  rule {
    rule_name         = "daily"
    target_vault_name = "backup-catalogue-local"
    schedule          = "cron(0 3 * * ? *)"

    lifecycle {
      delete_after = 35
    }

    lifecycle {
      delete_after = 70
    }
  }
}
