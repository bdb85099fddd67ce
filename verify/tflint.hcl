# tflint configuration of the verify tier (lib/tflint.mjs passes it with --config for every
# generated module). Only the terraform ruleset bundled in the tflint binary is used: no plugin
# is downloaded (the AWS ruleset would need GitHub). Its "recommended" preset is the set of
# rules tflint enables by default; findings fail the check unless tflint-exceptions.json
# excepts them with a reason.
config {
  call_module_type = "none"
}

plugin "terraform" {
  enabled = true
  preset  = "recommended"
}
