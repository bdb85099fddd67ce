def log = new File(basedir, 'build.log').text
assert log.contains('backup-catalogue.yaml is valid')
assert log =~ /next runs of plan daily, rule nightly: cron\(0 5 \? \* \* \*\): \w{3} \d{4}-\d\d-\d\d 05:00 UTC, /
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/backup-catalogue.sarif'))
assert sarif.version == '2.1.0'
assert sarif.runs[0].tool.driver.name == 'backup-catalogue'
assert sarif.runs[0].results*.ruleId == ['BC306'] // a warning only: the build passes
return true
