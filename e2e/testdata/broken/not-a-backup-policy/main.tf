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

# BROKEN ON PURPOSE (for the plan assertions): an SCP, not a backup policy, and no "plans".
resource "aws_organizations_policy" "daily" {
  name = "backup-catalogue-daily"
  type = "SERVICE_CONTROL_POLICY"

  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Deny"
        Action   = "backup:DeleteBackupVault"
        Resource = "*"
      }
    ]
  })
}
