import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport

def log = ItLog.of(basedir)
log.run(1).expectSuccess().expect(
        '[WARNING] security: INSECURE ctools 1.14: a newer security update of the same major is out: 6.x-1.15; move to 6.x-1.15',
        '[INFO] security: drupal 6.38: no security problem known (platform.lock.make; release history ')
log.run(2).expectFailure().expect('1 pinned release failed the security check', 'ctools 1.14: a newer security update')
ItSupport.finish(basedir)
return true
