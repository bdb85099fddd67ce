variable "assume_role_arn" {
  description = "Role to assume in account 222222222222; null uses the caller's credentials."
  type        = string
  default     = "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole"
}
