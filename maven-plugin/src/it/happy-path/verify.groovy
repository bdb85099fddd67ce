def out = new File(basedir, 'target/backup-catalogue')
assert new File(out, 'apply-order.json').isFile()
assert new File(out, 'README.md').isFile()
def vaults = new File(out, 'accounts/startup/vaults.tf').text
assert vaults.contains('resource "aws_backup_vault" "primary_us_east_1"')
assert vaults.contains('prevent_destroy = true')
def log = new File(basedir, 'build.log').text
assert log.contains('backup-catalogue.yaml is valid')
assert log =~ /backup-catalogue: \d+ file\(s\) written, 0 unchanged, 0 removed/
assert !new File(basedir, 'terraform').exists()
// every file of a first run is new, and the report says so
assert log.contains('backup-catalogue: accounts/startup: files: 12 added (')
assert new File(basedir, 'target/catalogue-changes.md').text.contains('## `accounts/startup` (account startup, 111122223333)')
return true
