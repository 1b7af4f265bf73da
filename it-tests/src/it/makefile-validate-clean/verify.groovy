// Both clean platform make files pass with no error and no warning, and the reports are written.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('Checking ') && log.contains('as drush 4.x with drush_make 6.x-2.x reads it, for Aegir 6.x-1.0-rc3')
assert log.contains('as drush 7 and later reads it, for Aegir 7.x-3.171')
assert log.contains('makefile-validate: 0 errors, 0 warnings in 1 file')
assert log.contains('makefile-validate: 0 errors, 0 warnings in 2 files')
assert !log.contains('[WARNING] src/aegir')
assert !log.contains('[ERROR] src/aegir')
// What the make file cannot show is said, as info.
assert log.contains('[INFO] src/aegir/aegir-6.x-1.0-rc3.make:12: info: not checked: the make file inside the hostmaster profile')
assert log.contains('BUILD SUCCESS')

def slurper = new JsonSlurper()
def rc3 = slurper.parse(new File(basedir, 'target/aegir/rc3/aegir-6.x-1.0-rc3.make.json'))
assert rc3.core == '6.x'
assert rc3.projects.hostmaster.download.tag == '6.x-1.0-rc3'
assert rc3.projects.drupal.version == '6.22'

def aegir3 = slurper.parse(new File(basedir, 'target/platform-7.x-3.171.json'))
assert aegir3.format == 'yaml'
assert aegir3.api == 2
assert aegir3.projects.views_bulk_operations.version == '3.5'
assert aegir3.projects.hostmaster.download.tag == '7.x-3.171'
// The dump is the array drush 8 builds from: extras.make's defaults[projects][subdir] applied to every project
// (the included file's defaults reach the including file's projects), the includes list emptied as drush merges it.
assert aegir3.projects.hostmaster.subdir == 'contrib'
assert aegir3.projects.drupal.subdir == 'contrib'
assert aegir3.defaults.projects.subdir == 'contrib'
assert aegir3.includes == []

def report = slurper.parse(new File(basedir, 'target/aegir/aegir3/makefile-validate.json'))
assert report.engine == 'DRUSH_7_PLUS'
assert report.files == ['src/aegir/aegir-7.x-3.171.make.yml', 'src/aegir/extras.make']
assert report.errors == 0 && report.warnings == 0
return true
