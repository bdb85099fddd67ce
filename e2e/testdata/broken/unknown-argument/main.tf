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

# BROKEN ON PURPOSE: aws_backup_vault has no argument "kms_key" (it is kms_key_arn).
resource "aws_backup_vault" "local" {
  name    = "backup-catalogue-local"
  kms_key = "arn:aws:kms:eu-central-1:222222222222:key/00000000-0000-0000-0000-000000000000"
}
