output "vault_arn" {
  description = "ARN of the local backup vault."
  value       = aws_backup_vault.local.arn
}

output "backup_role_arn" {
  description = "ARN of the role AWS Backup assumes."
  value       = aws_iam_role.backup.arn
}
