import io.github.aegirmaven.aegir.harness.ItSupport

// The stand-in drush prints a line at provision-migrate (after crontab -r), then sleeps for an hour.
ItSupport.prepare(basedir, harnessBuildDirectory, [installed: 'upgrade', failAt: 'hang'])
ItSupport.saveSnapshot(basedir, 'setup')
return true
