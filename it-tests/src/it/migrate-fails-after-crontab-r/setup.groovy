import io.github.aegirmaven.aegir.harness.ItSupport

// The stand-in drush builds the new platform, removes the crontab, then fails pausing the queue.
ItSupport.prepare(basedir, harnessBuildDirectory, [installed: 'upgrade', failAt: 'after-crontab-r'])
ItSupport.saveSnapshot(basedir, 'setup')
return true
