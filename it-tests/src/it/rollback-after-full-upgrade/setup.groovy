import io.github.aegirmaven.aegir.harness.ItSupport

ItSupport.prepare(basedir, harnessBuildDirectory)
ItSupport.saveSnapshot(basedir, 'setup')
ItSupport.snapshotBeforeEachRun(basedir)
return true
