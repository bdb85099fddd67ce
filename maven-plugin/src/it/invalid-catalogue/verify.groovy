def log = new File(basedir, 'build.log').text
// every problem of the catalogue in one run, each at its line and column
assert log.contains("backup-catalogue.yaml:4:7: error[BC101]: account id '11112222333' is not 12 digits (it has 11)")
assert log.contains("backup-catalogue.yaml:13:19: error[BC201]: 'cron(0 5 * * * *)' must have '?' in exactly one of day-of-month and day-of-week")
assert log.contains("backup-catalogue.yaml:15:16: error[BC104]: unknown vault 'primray'; did you mean 'primary'?")
assert log.contains("backup-catalogue.yaml:19:9: error[BC010]: unknown key 'tga' in plans.daily.selections.tagged; did you mean 'tag'?")
assert log.contains('4 errors, 0 warnings')
// the validate goal fails first; its message is about the catalogue, not about generating
assert log.contains('4 errors, 0 warnings). Fix them as each message says')
assert !log.contains('nothing was generated')
assert !new File(basedir, 'target/backup-catalogue').exists()
assert !new File(basedir, 'terraform/backup-catalogue').exists()
assert !log.contains('Caused by') && !(log =~ /(?m)^\s+at [a-z]/)
return true
