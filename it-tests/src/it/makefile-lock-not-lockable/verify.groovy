import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport

def log = ItLog.of(basedir)
log.run(1).expectFailure().expect('platform.make has 1 entry that cannot be locked',
        'projects hostmaster cannot be locked: its git download names no [revision] (a 40-hex commit); tag 6.x-1.0-rc3 can move',
        'was not changed')
// Allowed, it is written, the entry carried over and marked.
log.run(2).expectSuccess().expect('projects hostmaster is NOT locked: its git download names no [revision]')
def locked = new File(basedir, 'platform.lock.make').text
assert locked.contains('; NOT LOCKED: its git download names no [revision]')
assert locked.contains('projects[hostmaster][download][tag] = 6.x-1.0-rc3\n')
assert locked.contains('projects[drupal][version] = 6.38\n')
ItSupport.finish(basedir)
return true
