// The generated help goal lists the plugin and its goals.
def log = new File(basedir, 'build.log').text
assert log.contains('aegir-maven-plugin')
assert log.contains('aegir:help')
return true
