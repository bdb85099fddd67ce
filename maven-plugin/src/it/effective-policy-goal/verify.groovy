def effective = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/effective.json'))
assert effective.tags.project.tag_key == 'Project'
assert effective.tags.project.tag_value == ['Maintenance', 'Escalations', 'Escalations - research']
def log = new File(basedir, 'build.log').text
assert log.contains('ou.json:4:13: warning[BC340]: @@assign is not allowed here')
assert log.contains('BUILD SUCCESS')
return true
