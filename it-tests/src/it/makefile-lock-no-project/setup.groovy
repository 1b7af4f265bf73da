import io.github.aegirmaven.aegir.harness.ItSupport

// A release server, the update service double (-Daegir.updateUrl) and a release cache of this IT's own.
ItSupport.prepare(basedir, harnessBuildDirectory)
return true
