import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport

def log = ItLog.of(basedir)
log.run(1).expectSuccess().expect('Locked views at 2.16', 'Kept the locked release of 1 project', 'Wrote ')
log.run(2).expectFailure().expect('update (-Daegir.update) names panels, but the make file platform.make has no such project')
def locked = new File(basedir, 'platform.lock.make').text
assert locked.contains('projects[views][version] = 2.16\n')
// ctools keeps 1.14 although 1.15 exists, and its history is not even read.
assert locked.contains('projects[ctools][version] = 1.14\n')
assert locked.contains('projects[ctools][download][sha256] = 1111111111111111111111111111111111111111111111111111111111111111\n')
def counts = ItSupport.finishUpdates(basedir)
assert counts['/release-history/views/6.x'] == 1 : counts
assert !counts.containsKey('/release-history/ctools/6.x') : counts
ItSupport.finish(basedir)
return true
