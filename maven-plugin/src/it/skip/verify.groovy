assert !new File(basedir, 'target/backup-catalogue').exists()
assert !new File(basedir, 'terraform/backup-catalogue').exists()
assert new File(basedir, 'build.log').text.contains('backup-catalogue: skipped (backup-catalogue.skip)')
return true
