variable "assume_role_arn" {
  description = "Role to assume in account 111111111111; null uses the caller's credentials."
  type        = string
  default     = "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole"
}
