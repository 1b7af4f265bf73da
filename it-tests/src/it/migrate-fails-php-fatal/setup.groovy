import io.github.aegirmaven.aegir.harness.ItSupport
// The stand-in drush builds the new platform, removes the crontab, then PHP stops it with a fatal error at the
// migration; its shutdown function logs "Drush command terminated abnormally" and exits 1, as drush 4 does.
ItSupport.prepare(basedir, harnessBuildDirectory, [installed: 'upgrade', failAt: 'fatal'])
ItSupport.saveSnapshot(basedir, 'setup')
return true
