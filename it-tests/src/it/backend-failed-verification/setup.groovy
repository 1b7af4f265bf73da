import io.github.aegirmaven.aegir.harness.ItSupport

// drush/drush.php of drush-7.x-4.4.tar.gz calls an undefined function first thing (exit code 255);
// drush.info still says 4.4, and the lock pins this broken tarball, so only running it shows the damage.
ItSupport.prepare(basedir, harnessBuildDirectory, [fatal: ['drush-7.x-4.4.tar.gz']])
ItSupport.saveSnapshot(basedir, 'setup')
return true
