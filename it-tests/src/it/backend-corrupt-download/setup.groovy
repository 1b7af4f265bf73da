import io.github.aegirmaven.aegir.harness.ItSupport

// The server flips bytes in the middle of provision-6.x-1.0-rc3.tar.gz; the lock pins the real one.
ItSupport.prepare(basedir, harnessBuildDirectory, [modes: ['provision-6.x-1.0-rc3.tar.gz': 'CORRUPT']])
ItSupport.saveSnapshot(basedir, 'setup')
return true
