// What an earlier build left in target/ (target/ is not committed): mvn clean must remove it.
def target = new File(basedir, 'target')
target.mkdirs()
new File(target, 'stale.txt').text = 'left by an earlier build\n'
return true
