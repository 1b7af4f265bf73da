import io.github.aegirmaven.aegir.harness.ItLog

// Without a project, lockedMakefile's default is in the directory Maven was started in: never in a directory
// literally named ${project.basedir}, which an unresolved default value would make.
def log = ItLog.of(basedir)
def locked = new File(basedir, 'platform.lock.make')
log.run(1).expectSuccess().expect('Locked views at 2.16', 'Wrote ', 'platform.lock.make')
assert locked.text.contains('projects[views][version] = 2.16\n')
assert !new File(basedir, '${project.basedir}').exists()
return true
