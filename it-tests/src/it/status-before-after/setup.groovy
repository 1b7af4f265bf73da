import io.github.aegirmaven.aegir.harness.ItSupport

ItSupport.prepare(basedir, harnessBuildDirectory)
ItSupport.snapshotBeforeEachRun(basedir)
return true
