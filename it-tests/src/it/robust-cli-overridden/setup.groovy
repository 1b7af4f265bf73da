import io.github.aegirmaven.aegir.harness.ItSupport

// Fails before drush runs: no root needed (as root the home belongs to the aegir user, as everywhere).
ItSupport.prepare(basedir, harnessBuildDirectory)
ItSupport.saveSnapshot(basedir, 'setup')
return true
