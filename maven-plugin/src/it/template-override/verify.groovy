def module = new File(basedir, 'terraform/backup-catalogue/accounts/startup')
assert new File(module, 'versions.tf').text.startsWith('# Our own versions file (template override)')
// every file not overridden still comes from the built-in templates
assert new File(module, 'kms.tf').text.contains('resource "aws_kms_key" "primary_us_east_1"')
assert new File(basedir, 'build.log').text.contains('override the built-in ones')
return true
