resource "aws_backup_vault" "local" {
  name        = "backup-catalogue-local"
  kms_key_arn = aws_kms_key.backup.arn
}

resource "aws_backup_vault_lock_configuration" "local" {
  backup_vault_name   = aws_backup_vault.local.name
  min_retention_days  = 7
  max_retention_days  = 365
  changeable_for_days = 3
}

resource "aws_backup_vault_policy" "local" {
  backup_vault_name = aws_backup_vault.local.name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyRecoveryPointDeletion"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"]
        Resource  = "*"
      }
    ]
  })
}

resource "aws_backup_vault" "copy_eu_west_1" {
  provider = aws.eu_west_1

  name        = "backup-catalogue-copy"
  kms_key_arn = aws_kms_key.backup_eu_west_1.arn
}

resource "aws_backup_vault_lock_configuration" "copy_eu_west_1" {
  provider = aws.eu_west_1

  backup_vault_name  = aws_backup_vault.copy_eu_west_1.name
  min_retention_days = 7
  max_retention_days = 365
}
