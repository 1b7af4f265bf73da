import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Snapshot

def log = ItLog.of(basedir)
def sandbox = ItSupport.sandbox(basedir)
def home = sandbox.home()
def old = sandbox.oldPlatform()
def now = sandbox.newPlatform()
def counts = ItSupport.finish(basedir)

// Before: every component drifts; -Daegir.failOnDrift=true fails the build with the drift and the goal to run.
log.run(1).expectFailure().expect(
        "Aegir home ${home}",
        'Installed versions differ from the pins: drush is 4.2, pinned 7.x-4.4; provision is 6.x-1.0-rc2, pinned 6.x-1.0-rc3; drush_make is 2.1, pinned 6.x-2.2;'
                + " the hostmaster site aegir.example.com runs on ${old}, not on ${now}.",
        'Run `mvn aegir:upgrade` to bring the server to the pins (or aegir:backend-upgrade, then aegir:hostmaster-migrate, one half at a time).',
        '(failing because -Daegir.failOnDrift is set)')
log.run(2).expectSuccess()
        .expect('drush       installed 4.2', 'pinned 7.x-4.4', 'DRIFT', 'no backup sets')
        .expect('[WARNING] Installed versions differ from the pins: drush is 4.2, pinned 7.x-4.4')
log.run(3).expectSuccess().expect('Backend upgraded to drush 7.x-4.4, provision 6.x-1.0-rc3, drush_make 6.x-2.2')
// the backend upgrade's set (drush, provision, drush_make, crontab), then the migration's (its crontab)
def sets = home.toFile().listFiles().findAll { it.name.startsWith('pre-upgrade-') }.sort { it.name }
assert sets.size() == 2 : sets
def set = sets[0]
// After the backend alone: the backend is as pinned, the frontend still drifts.
log.run(4).expectSuccess()
        .expect('drush       installed 4.4 ', "hostmaster  on ${old}", "DRIFT (expected on ${now})",
                "[WARNING] Installed versions differ from the pins: the hostmaster site aegir.example.com runs on ${old}, not on ${now}.")
log.run(5).expectSuccess().expect("Migrated aegir.example.com to ${now}")
// After both: no drift, what this plugin installed (with the archive's sum), and the backup sets.
log.run(6).expectSuccess()
        .expect('No drift: the server runs the pinned releases.',
                'installed by this plugin at',
                "sha256 ${new File(basedir, 'aegir.lock').readLines().find { it.startsWith('drush 7.x-4.4 ') }.split(' ')[2] - 'sha256:'}",
                "hostmaster  on ${now}",
                'backup sets (newest first):',
                "${set} [COMPLETE, 3 entries, crontab saved]",
                "${sets[1]} [COMPLETE, 0 entries, crontab saved]")
        .expectNot('DRIFT')

// status downloads nothing (the three requests are the upgrade's) and changes nothing.
assert counts.total == 3 : "${counts}"
def unchanged = { from, to -> Snapshot.diff(ItSupport.snapshotBeforeRun(basedir, from), to) }
assert unchanged(1, ItSupport.snapshotBeforeRun(basedir, 2)).isEmpty()
assert unchanged(2, ItSupport.snapshotBeforeRun(basedir, 3)).isEmpty()
assert unchanged(4, ItSupport.snapshotBeforeRun(basedir, 5)).isEmpty()
assert unchanged(6, ItSupport.snapshot(basedir)).isEmpty()
return true
