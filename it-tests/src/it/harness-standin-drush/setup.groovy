import io.github.aegirmaven.aegir.harness.ItSupport

def it = ItSupport.prepare(basedir, harnessBuildDirectory)
assert new File(it.home, '.drush/provision/provision.info').file
return true
