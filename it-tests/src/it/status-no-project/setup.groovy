import io.github.aegirmaven.aegir.harness.ItSupport

ItSupport.prepare(basedir, harnessBuildDirectory)
ItSupport.saveSnapshot(basedir, 'setup')
return true
