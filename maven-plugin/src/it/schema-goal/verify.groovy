def written = new File(basedir, 'backup-catalogue.schema.json')
assert written.isFile()
def published = new File(basedir, '../../../../schema/backup-catalogue.schema.json')
assert written.text == published.text : 'the schema goal writes the published schema'
def schema = new groovy.json.JsonSlurper().parse(written)
assert schema.properties.organization.properties.accounts.additionalProperties.properties.id.pattern == '^[0-9]{12}$'
assert new File(basedir, 'build.log').text.contains('wrote the catalogue\'s JSON Schema')
return true
