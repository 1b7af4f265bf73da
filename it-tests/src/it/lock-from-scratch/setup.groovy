import io.github.aegirmaven.aegir.harness.ItSupport

// No aegir.lock at all: the first `mvn aegir:lock` of a new project.
new File(basedir, 'aegir.lock').delete()
ItSupport.prepare(basedir, harnessBuildDirectory, [lock: false])
assert !new File(basedir, 'aegir.lock').exists()
ItSupport.saveSnapshot(basedir, 'setup')
ItSupport.snapshotBeforeEachRun(basedir)
return true
