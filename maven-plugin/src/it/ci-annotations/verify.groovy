def log = new File(basedir, 'build.log').text
// GitHub annotations start their lines, unprefixed by the Maven log
assert log =~ /(?m)^::error file=backup-catalogue.yaml,line=4,col=7,title=BC101::account id '11112222333' is not 12 digits/
assert log =~ /(?m)^::error file=backup-catalogue.yaml,line=15,col=16,title=BC104::unknown vault 'primray'/
assert !log.contains('[ERROR] backup-catalogue.yaml:4:7')
assert log.contains('4 errors, 0 warnings')
return true
