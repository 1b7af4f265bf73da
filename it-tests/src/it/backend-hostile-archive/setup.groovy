import io.github.aegirmaven.aegir.harness.ItSupport

// drush_make-6.x-2.2.tar.gz gains drush_make/escape -> ../../../../../../../../tmp and
// drush_make/escape/aegir-hostile-through-symlink.txt; the lock pins this hostile tarball.
new File('/tmp/aegir-hostile-through-symlink.txt').delete()
ItSupport.prepare(basedir, harnessBuildDirectory, [hostile: ['drush_make-6.x-2.2.tar.gz': 'SYMLINK_OUT']])
ItSupport.saveSnapshot(basedir, 'setup')
return true
