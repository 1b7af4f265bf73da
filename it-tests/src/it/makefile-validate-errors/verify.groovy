// Every error is reported at its line, in compiler format, and the build fails.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] platform.make:3: error: The specified API attribute is incompatible with this version of Drush Make (found api = "3", expected api = 2). Set api = 2. [api-version]')
assert log.contains('[ERROR] platform.make:4: error: Include file missing: site-extras.make')
assert log.contains('[include-missing]')
assert log.contains('[ERROR] platform.make:10: error: Project admin_menu defined twice (remove the first projects[] = admin_menu). The first definition is at platform.make:9; keep one of them. [project-twice]')
assert log.contains("[ERROR] platform.make:12: error: Illegal path ../../../libraries for 'subdir' attribute in project jquery_ui.")
assert log.contains('[ERROR] platform.make:17: error: hostmaster is pinned to 6.x-1.0-rc2 ([download][tag]) but aegirVersion is 6.x-1.0-rc3')
assert log.contains('[hostmaster-version-mismatch]')
assert log.contains('[ERROR] makefile-validate: 5 errors, 1 warning in 1 file')
assert log.contains('BUILD FAILURE')
assert log.contains('makefile-validate: 5 errors, 1 warning in 1 file: fix the errors listed above')

def report = new JsonSlurper().parse(new File(basedir, 'target/aegir/makefile-validate.json'))
assert report.errors == 5 && report.warnings == 1
// drush's own expansion of projects[] = admin_menu throws the version away, so it is also unpinned
assert report.findings.find { it.severity == 'warning' }.rule == 'unpinned-project'
assert report.findings.findAll { it.severity == 'error' }*.rule ==
        ['api-version', 'include-missing', 'project-twice', 'illegal-path', 'hostmaster-version-mismatch']
assert new File(basedir, 'target/aegir/platform.make.json').isFile()
return true
