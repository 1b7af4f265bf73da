import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport

// status and rollback work outside any project (requiresProject = false), every parameter given with -D.
def log = ItLog.of(basedir)
def home = ItSupport.sandbox(basedir).home()
log.run(1).expectSuccess().expect('pinned 7.x-4.4', home.toString()).expectNot('requires a project')
// rollback, with nothing to roll back, says so (rather than asking for a pom)
log.run(2).expectFailure().expect(home.toString()).expectNot('requires a project', 'no POM in this directory')
ItSupport.finish(basedir)
ItSupport.assertHomeUnchangedSince(basedir, 'setup', 'status and rollback without a project')
return true
