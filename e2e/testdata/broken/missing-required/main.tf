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

# BROKEN ON PURPOSE: aws_backup_vault_lock_configuration requires backup_vault_name.
resource "aws_backup_vault_lock_configuration" "local" {
  min_retention_days = 7
  max_retention_days = 365
}
