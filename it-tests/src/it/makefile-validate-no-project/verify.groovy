// The goal runs without a project and writes its reports under target/aegir of the current directory.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('Maven Stub Project (No POM)')
assert log.contains('makefile-validate: 0 errors, 0 warnings in 1 file')
assert log.contains('BUILD SUCCESS')
def merged = new JsonSlurper().parse(new File(basedir, 'target/aegir/aegir.make.json'))
assert merged.projects.hostmaster.download.tag == '6.x-1.0-rc3'
assert new File(basedir, 'target/aegir/makefile-validate.json').isFile()
assert !new File(basedir, '${project.basedir}').exists()
return true
