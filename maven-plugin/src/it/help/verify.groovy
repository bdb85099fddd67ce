def log = new File(basedir, 'build.log').text
// the help goal lists every goal of the plugin with its description
assert log.contains('backup-catalogue:validate')
assert log.contains('backup-catalogue:generate')
assert log.contains('backup-catalogue:help')
return true
