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

# BROKEN ON PURPOSE: not in canonical format (misaligned "=").
resource "aws_kms_key" "backup" {
  description = "backup-catalogue vault key"
  enable_key_rotation = true
}
