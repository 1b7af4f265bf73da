// Warnings only: the first build passes; the second, with failOnWarning, fails.
def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] platform.make:10: warning: text on line 9 ("# extra modules below") is not \'key = value\': drush glues it onto the next key, so "projects[] = admin_menu" on line 10 is stored under the key "# extra modules below\\nprojects[]" and lost.')
assert log.contains('[glued-line]')
assert log.contains('[WARNING] platform.make:11: warning: project views is pinned to the development snapshot 3.x-dev')
assert log.contains('[WARNING] platform.make:16: warning: project hosting_https is checked out from git branch 7.x-3.x only')
assert log.contains('[WARNING] platform.make:24: warning: library vuejs is downloaded from https://assets.example.org/vue-2.4.4.min.js with no checksum')
assert log.contains('[WARNING] makefile-validate: 0 errors, 4 warnings in 1 file')
assert !(log =~ /\[ERROR\] platform\.make:\d+: error/)
assert log.contains('BUILD SUCCESS')
assert log.contains('and failOnWarning (aegir.failOnWarning) is true')
assert log.contains('BUILD FAILURE')
return true
