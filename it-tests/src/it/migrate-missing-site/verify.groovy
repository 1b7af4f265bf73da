import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport

def log = ItLog.of(basedir)
def home = ItSupport.sandbox(basedir).home()
ItSupport.finish(basedir)

log.run(1).expectFailure().expect(
        "Cannot find the old hostmaster platform: no directory under ${home} has sites/aegir.example.com/settings.php (checked: ${home}/hostmaster-6.x-1.0-rc2).",
        'Check aegirDomain (-Daegir.domain=aegir.example.com) or set oldHostmasterDir (-Daegir.oldHostmasterDir) to the hostmaster platform\'s root.')
        .expectNot('Running (cd', 'Saved the crontab')
log.run(2).expectFailure().expect(
        "oldHostmasterDir (-Daegir.oldHostmasterDir) ${home}/hostmaster-6.x-1.0-rc2 does not hold the site aegir.example.com (no sites/aegir.example.com/settings.php).",
        'Check aegirDomain, or point oldHostmasterDir at the platform that has it.')
        .expectNot('Running (cd', 'Saved the crontab')
ItSupport.assertHomeUnchangedSince(basedir, 'setup', 'The refused migrations')
return true
