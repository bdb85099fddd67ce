// The plan goal compares changed/backup-catalogue.yaml with the output generate wrote, and writes nothing there.
def out = new File(basedir, 'terraform/backup-catalogue')
def summary = new File(out, 'accounts/startup/module-summary.json').text
assert summary.contains('"schedule": "cron(0 5 ? * * *)"') : 'the plan left the output as generate wrote it'
assert summary.contains('"delete_after_days": 35')
def plan = new File(basedir, 'target/plan.md').text
assert plan.contains('## `accounts/startup` (account startup, 111122223333)')
assert plan.contains('- plan daily, rule nightly: schedule: cron(0 5 ? * * *) -> cron(0 6 ? * * *)')
assert plan.contains('- plan daily, rule nightly: retention (days until deletion): 35 -> 60')
assert plan.contains('- plan daily, rule nightly: copy to disaster-recovery in us-west-2: retention (days until deletion): 35 -> 60')
def log = new File(basedir, 'build.log').text
assert log.contains('backup-catalogue: accounts/startup: plan daily, rule nightly: retention (days until deletion): 35 -> 60')
assert log.contains('(nothing written)')
// only the files the change touches (the catalogue's file name is the same, so the headers are)
assert log =~ /accounts\/startup: files: \d changed \(README.md, backup_plans.tf, module-summary.json\)/
return true
