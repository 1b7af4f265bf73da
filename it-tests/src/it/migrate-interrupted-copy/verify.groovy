import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport

def log = ItLog.of(basedir)
def sandbox = ItSupport.sandbox(basedir)
def home = sandbox.home()
def old = sandbox.oldPlatform()
def now = sandbox.newPlatform()
ItSupport.finish(basedir)

def interrupted = "A migration of the hostmaster site aegir.example.com to ${now} was interrupted"
def facts = "The hostmaster site's alias ${home}/.drush/hostmaster.alias.drushrc.php points at ${now};" +
        " sites/aegir.example.com/settings.php is in ${old} and ${now}."
def finish = "To finish it instead: run `php ${home}/drush/drush.php @hostmaster provision-verify` as the aegir user;" +
        " when the site works on ${now}, move ${old}/sites/aegir.example.com out of ${old}"
def undo = "To undo it (the old platform serves the site again): set 'root' and 'site_path' in" +
        " ${home}/.drush/hostmaster.alias.drushrc.php back to ${old}"

// status: not "OK" (the site is in the new platform), but an interrupted migration, with what to do.
log.run(1).expectSuccess()
        .expect("hostmaster  INTERRUPTED migration to ${now}", interrupted, facts, finish, undo,
                "[WARNING] Installed versions differ from the pins: the migration of the hostmaster site" +
                        " aegir.example.com to ${now} was interrupted")
        .expectNot('No drift', "hostmaster  on ${now}")
log.run(2).expectFailure().expect(interrupted, '(failing because -Daegir.failOnDrift is set)',
        'aegir:upgrade and aegir:hostmaster-migrate refuse to run until the interrupted migration is finished or undone')

// upgrade and hostmaster-migrate: refused with the same facts and guidance; neither "already lives in" (skip)
// nor a drush run or a saved crontab (a second migration).
for (n in [3, 4]) {
    log.run(n).expectFailure()
            .expect(interrupted, facts, finish, undo,
                    'Nothing was changed: a second hostmaster-migrate now would deploy over a copy it did not make.')
            .expectNot('already lives in', 'nothing to do', 'Running (cd', 'Saved the crontab', '[drush]')
}

// Nothing changed: both copies, the alias and the (removed) crontab are as the killed drush left them.
ItSupport.assertHomeUnchangedSince(basedir, 'setup', 'status, upgrade and hostmaster-migrate')
return true
