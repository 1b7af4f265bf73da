import io.github.aegirmaven.aegir.harness.ItSupport

// The sandbox's old release; the stand-in drush builds the new platform, then fails the migration itself.
ItSupport.prepare(basedir, harnessBuildDirectory, [failAt: 'migrate'])
ItSupport.saveSnapshot(basedir, 'setup')
return true
