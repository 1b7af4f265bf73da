import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport

def log = ItLog.of(basedir)
def home = ItSupport.sandbox(basedir).home()
ItSupport.finish(basedir)

log.only().expectFailure().expect(
        "The installed provision is 6.x-1.0-rc2 (in ${home}/.drush/provision), but aegirVersion is 6.x-1.0-rc3: upgrade the backend first.",
        'Run `mvn aegir:backend-upgrade` (or `mvn aegir:upgrade`, which does both in order).')
        .expectNot('Running (cd', 'Saved the crontab')
ItSupport.assertHomeUnchangedSince(basedir, 'setup', 'The refused migration')
return true
