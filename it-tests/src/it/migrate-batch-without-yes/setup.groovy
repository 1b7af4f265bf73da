import io.github.aegirmaven.aegir.harness.ItSupport

ItSupport.prepare(basedir, harnessBuildDirectory, [installed: 'upgrade'])
ItSupport.saveSnapshot(basedir, 'setup')
return true
