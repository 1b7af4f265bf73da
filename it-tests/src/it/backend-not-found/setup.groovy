import io.github.aegirmaven.aegir.harness.ItSupport

ItSupport.prepare(basedir, harnessBuildDirectory, [modes: ['drush_make-6.x-2.2.tar.gz': 'NOT_FOUND']])
ItSupport.saveSnapshot(basedir, 'setup')
return true
