resource "aws_organizations_policy" "daily" {
  name        = "backup-catalogue-daily"
  description = "Daily backups of S3 and EBS, kept 35 days (e2e fixture)"
  type        = "BACKUP_POLICY"

  content = jsonencode({
    plans = {
      "backup-catalogue-daily" = {
        regions = {
          "@@assign" = ["eu-central-1"]
        }
        rules = {
          daily = {
            schedule_expression = {
              "@@assign" = "cron(0 3 * * ? *)"
            }
            target_backup_vault_name = {
              "@@assign" = "backup-catalogue-local"
            }
            lifecycle = {
              delete_after_days = {
                "@@assign" = "35"
              }
            }
          }
        }
        selections = {
          resources = {
            "s3-and-ebs" = {
              iam_role_arn = {
                "@@assign" = "arn:aws:iam::$account:role/backup-catalogue-backup"
              }
              resource_types = {
                "@@assign" = ["arn:aws:s3:::*", "arn:aws:ec2:*:*:volume/*"]
              }
            }
          }
        }
      }
    }
  })
}

resource "aws_organizations_policy_attachment" "daily_root" {
  policy_id = aws_organizations_policy.daily.id
  target_id = "r-abcd"
}
