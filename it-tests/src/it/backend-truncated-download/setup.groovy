import io.github.aegirmaven.aegir.harness.ItSupport

// The server hangs up half-way through provision's archive once (a network hiccup), and through drush_make's
// every time (a broken mirror). The lock pins the real archives.
ItSupport.prepare(basedir, harnessBuildDirectory, [modes: ['provision-6.x-1.0-rc3.tar.gz': 'TRUNCATED_ONCE',
                                                          'drush_make-6.x-2.2.tar.gz': 'TRUNCATED']])
ItSupport.saveSnapshot(basedir, 'setup')
return true
