import io.github.aegirmaven.aegir.harness.ItSupport

ItSupport.prepare(basedir, harnessBuildDirectory)
return true
