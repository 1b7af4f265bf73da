import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport

def log = ItLog.of(basedir)
ItSupport.finish(basedir)

log.only().expectFailure().expect(
        'Maven runs in batch mode (-B), so nobody can answer drush\'s question "Do you really want to proceed with the upgrade?" and drush would cancel.',
        'Set assumeYes (-Daegir.yes=true) to answer yes, as CI needs.')
        .expectNot('Running (cd', 'Saved the crontab')
ItSupport.assertHomeUnchangedSince(basedir, 'setup', 'The refused migration')
return true
