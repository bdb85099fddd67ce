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

# BROKEN ON PURPOSE (for the plan assertions): the vault uses the AWS-managed key and has no
# vault lock. Valid Terraform; CheckVaults must reject it.
resource "aws_backup_vault" "local" {
  name = "backup-catalogue-local"
}
