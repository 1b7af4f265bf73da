import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport

def log = ItLog.of(basedir)
def home = ItSupport.sandbox(basedir).home()
ItSupport.finish(basedir)

log.only().expectFailure().expect(
        "newHostmasterDir (-Daegir.newHostmasterDir) is the relative path 'hostmaster-6.x-1.0-rc3'; it must be absolute.",
        "drush would resolve it from the old hostmaster root (${home}/hostmaster-6.x-1.0-rc2/hostmaster-6.x-1.0-rc3)",
        "Did you mean ${home}/hostmaster-6.x-1.0-rc3?",
        "or leave it unset for the default, ${home}/hostmaster-6.x-1.0-rc3.")
        .expectNot('Running (cd', 'Saved the crontab')
ItSupport.assertHomeUnchangedSince(basedir, 'setup', 'The refused migration')
return true
