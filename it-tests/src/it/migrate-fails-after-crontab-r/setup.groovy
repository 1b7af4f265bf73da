import io.github.aegirmaven.aegir.harness.ItSupport

// The stand-in drush builds the new platform, removes the crontab, then fails pausing the queue, and prints
// 200 more lines after its [error] line (as a rollback log or a stack trace does): the error is far from the end.
ItSupport.prepare(basedir, harnessBuildDirectory, [installed: 'upgrade', failAt: 'after-crontab-r', trailingLines: 200])
ItSupport.saveSnapshot(basedir, 'setup')
return true
