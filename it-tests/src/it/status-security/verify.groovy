import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport

def log = ItLog.of(basedir)
log.run(1).expectSuccess().expect('[WARNING] security: INSECURE provision 6.x-1.0-rc3: the project is marked insecure',
        'security: drush 7.x-4.4: no security problem known', 'security: drush_make 6.x-2.2: no security problem known',
        'fetched now')
log.run(2).expectFailure().expect('1 pinned release failed the security check, and -Daegir.failOnInsecure=true is set',
        'provision 6.x-1.0-rc3: the project is marked insecure')
// Offline: the cached history, with its age.
log.run(3).expectSuccess().expect('security: INSECURE provision 6.x-1.0-rc3', 'cached, fetched ')
def counts = ItSupport.finishUpdates(basedir)
assert counts['/release-history/provision/6.x'] == 2 : counts
ItSupport.finish(basedir)
return true
