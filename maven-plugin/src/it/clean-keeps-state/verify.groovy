// The default output, terraform/backup-catalogue, is outside target/: mvn clean keeps it and the
// state next to it (a module's local terraform.tfstate here; remote state with deployment.state).
def out = new File(basedir, 'terraform/backup-catalogue')
assert !new File(basedir, 'target/stale.txt').exists() : 'mvn clean ran'
assert new File(out, 'accounts/startup/terraform.tfstate').text.trim() ==
    '{"version": 4, "serial": 42, "lineage": "it-clean-keeps-state"}'
assert new File(out, 'accounts/startup/vaults.tf').isFile()
assert !new File(basedir, 'target/backup-catalogue').exists()
// the second run (after another clean) found the output as generated: nothing to change
assert new File(basedir, 'target/catalogue-changes.md').text.contains('No module changes: the output stays as it is.')
def log = new File(basedir, 'build.log').text
assert log.contains('backup-catalogue: no module changes')
return true
