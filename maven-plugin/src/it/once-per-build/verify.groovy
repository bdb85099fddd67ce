def log = new File(basedir, 'build.log').text
// validate and generate are both bound, as the README recommends: the one warning is printed once
def warnings = log.readLines().findAll { it.contains('warning[BC306]') }
assert warnings.size() == 1 : "expected the warning once, got: ${warnings}"
assert log.contains('(reported above by an earlier goal of this build)')
assert log.contains('file(s) written')
return true
