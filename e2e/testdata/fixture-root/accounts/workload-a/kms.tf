resource "aws_kms_key" "backup" {
  description             = "backup-catalogue vault key (eu-central-1)"
  enable_key_rotation     = true
  deletion_window_in_days = 30

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministration"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::222222222222:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "BackupRoleUse"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::222222222222:role/backup-catalogue-backup" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey", "kms:CreateGrant"]
        Resource  = "*"
      }
    ]
  })
}

resource "aws_kms_alias" "backup" {
  name          = "alias/backup-catalogue"
  target_key_id = aws_kms_key.backup.key_id
}

resource "aws_kms_key" "backup_eu_west_1" {
  provider = aws.eu_west_1

  description             = "backup-catalogue vault key (eu-west-1)"
  enable_key_rotation     = true
  deletion_window_in_days = 30

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministration"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::222222222222:root" }
        Action    = "kms:*"
        Resource  = "*"
      }
    ]
  })
}
