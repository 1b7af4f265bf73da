import io.github.aegirmaven.aegir.harness.ItSupport

new File(basedir, 'aegir.lock').delete()
ItSupport.prepare(basedir, harnessBuildDirectory, [lock: false])
ItSupport.saveSnapshot(basedir, 'setup')
ItSupport.snapshotBeforeEachRun(basedir)
return true
