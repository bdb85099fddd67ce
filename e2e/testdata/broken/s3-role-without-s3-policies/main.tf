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

# BROKEN ON PURPOSE (for the plan assertions): the backup policy selects S3 but the backup
# role lacks the S3 managed policies.
resource "aws_organizations_policy" "daily" {
  name = "backup-catalogue-daily"
  type = "BACKUP_POLICY"

  content = jsonencode({
    plans = {
      daily = {
        regions = { "@@assign" = ["eu-central-1"] }
        rules = {
          daily = {
            schedule_expression      = { "@@assign" = "cron(0 3 * * ? *)" }
            target_backup_vault_name = { "@@assign" = "backup-catalogue-local" }
          }
        }
        selections = {
          resources = {
            s3 = {
              iam_role_arn   = { "@@assign" = "arn:aws:iam::$account:role/backup-catalogue-backup" }
              resource_types = { "@@assign" = ["arn:aws:s3:::*"] }
            }
          }
        }
      }
    }
  })
}

resource "aws_backup_vault" "local" {
  name = "backup-catalogue-local"
}

resource "aws_iam_role" "backup" {
  name = "backup-catalogue-backup"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "backup.amazonaws.com" }
        Action    = "sts:AssumeRole"
      }
    ]
  })
}

resource "aws_iam_role_policy_attachment" "backup" {
  role       = aws_iam_role.backup.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"
}
