output "backup_policy_id" {
  description = "ID of the daily backup policy."
  value       = aws_organizations_policy.daily.id
}
