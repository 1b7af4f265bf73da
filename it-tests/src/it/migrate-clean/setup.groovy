import io.github.aegirmaven.aegir.harness.ItSupport

// The backend is already drush 7.x-4.4, provision 6.x-1.0-rc3, drush_make 6.x-2.2; the site is on rc2's platform.
ItSupport.prepare(basedir, harnessBuildDirectory, [installed: 'upgrade'])
ItSupport.saveSnapshot(basedir, 'setup')
return true
