import io.github.aegirmaven.aegir.harness.ItSupport

// The update service double marks provision insecure.
ItSupport.prepare(basedir, harnessBuildDirectory, [projectStatus: [provision: 'insecure']])
return true
