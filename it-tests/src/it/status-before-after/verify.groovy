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
        'Installed versions differ from the pins: drush is 7.x-4.2, pinned 7.x-4.4; provision is 6.x-1.0-rc2,'
                + ' pinned 6.x-1.0-rc3; drush_make is 6.x-2.1, pinned 6.x-2.2;'
                + " the hostmaster site aegir.example.com runs on ${old}, not on ${now}.",
        'Run `mvn aegir:upgrade` to bring the server to the pins (or aegir:backend-upgrade, then aegir:hostmaster-migrate, one half at a time); or, if the server is right, change the pins to what it runs.',
        '(failing because -Daegir.failOnDrift is set)')
log.run(2).expectSuccess()
        .expect('drush       installed 7.x-4.2', 'pinned 7.x-4.4', 'DRIFT', 'no backup sets')
        .expect('[WARNING] Installed versions differ from the pins: drush is 7.x-4.2, pinned 7.x-4.4')
        .expectNot('BUILD IN PROGRESS', 'INTERRUPTED MIGRATION', 'leftovers of failed runs')
log.run(3).expectSuccess().expect('Backend upgraded to drush 7.x-4.4, provision 6.x-1.0-rc3, drush_make 6.x-2.2')
// the backend upgrade's set (drush, provision, drush_make, crontab), then the migration's (its crontab)
def sets = home.toFile().listFiles().findAll { it.name.startsWith('pre-upgrade-') }.sort { it.name }
assert sets.size() == 2 : sets
def set = sets[0]
// After the backend alone: the backend is as pinned, the frontend still drifts.
log.run(4).expectSuccess()
        .expect('drush       installed 7.x-4.4 ', "hostmaster  on ${old}", "DRIFT (expected on ${now})",
                "[WARNING] Installed versions differ from the pins: the hostmaster site aegir.example.com runs on ${old}, not on ${now}.")
log.run(5).expectSuccess().expect("Migrated aegir.example.com to ${now}")
// After both: no drift, what this plugin installed (with the archive's sum), and the backup sets.
log.run(6).expectSuccess()
        .expect('No drift: the server runs the pinned releases.',
                'installed by this plugin at',
                "sha256 ${new File(basedir, 'aegir.lock').readLines().find { it.startsWith('drush 7.x-4.4 ') }.split(' ')[2] - 'sha256:'}",
                "hostmaster  on ${now}",
                'backup sets (newest first):',
                "${set} [COMPLETE, 3 entries, crontab saved] pre-upgrade, made ",
                "${sets[1]} [COMPLETE, 0 entries, crontab saved] pre-upgrade, made ",
                "Wrote the status as JSON (schemaVersion 1) to ${new File(basedir, 'target/status.json')}")
        .expectNot('DRIFT')

// The JSON form, for monitoring: docs/status-json.md.
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/status.json'))
assert json.schemaVersion == 1
assert json.home == home.toString()
assert json.drift == false && json.driftReasons == []
assert json.components*.name == ['drush', 'provision', 'drush_make']
assert json.components*.installed == ['7.x-4.4', '6.x-1.0-rc3', '6.x-2.2']
assert json.components*.status == ['ok', 'ok', 'ok']
assert json.components.every { it.installedByPlugin.sha256 ==~ /[0-9a-f]{64}/ }
assert json.hostmaster.status == 'ok' && json.hostmaster.expectedPlatform == now.toString()
assert json.buildInProgress == null && json.interruptedMigration == null && json.leftovers == []
assert json.backupSets*.name == [sets[1].name, set.name]
assert json.backupSets*.state == ['complete', 'complete']
assert json.backupSets[1].entries.size() == 3 && json.backupSets[1].crontabSaved == true
assert json.backupSets[0].createdAt ==~ /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d([+-]\d\d:\d\d|Z)/

// A missing home is an error to fix, not drift; nothing is created.
log.run(7).expectFailure()
        .expect('aegirHome (-Daegir.home) /tmp/aegir-it/status-before-after-no-such-home does not exist')
        .expectNot('DRIFT', 'Installed versions differ')
assert !new File('/tmp/aegir-it/status-before-after-no-such-home').exists()

// status downloads nothing (the three requests are the upgrade's) and changes nothing.
assert counts.total == 3 : "${counts}"
def unchanged = { from, to -> Snapshot.diff(ItSupport.snapshotBeforeRun(basedir, from), to) }
assert unchanged(1, ItSupport.snapshotBeforeRun(basedir, 2)).isEmpty()
assert unchanged(2, ItSupport.snapshotBeforeRun(basedir, 3)).isEmpty()
assert unchanged(4, ItSupport.snapshotBeforeRun(basedir, 5)).isEmpty()
assert unchanged(6, ItSupport.snapshotBeforeRun(basedir, 7)).isEmpty()
assert unchanged(7, ItSupport.snapshot(basedir)).isEmpty()
return true
