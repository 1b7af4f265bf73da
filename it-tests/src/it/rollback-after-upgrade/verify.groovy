import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Snapshot

def log = ItLog.of(basedir)
def home = ItSupport.sandbox(basedir).home()
ItSupport.finish(basedir)

// 1: nothing to roll back to, said so with what to run; nothing changed.
log.run(1).expectFailure().expect(
        "There is no backup set made by this plugin in ${home}",
        'so there is nothing to roll back to. Run `mvn aegir:status` to see the backup sets.')
def setup = ItSupport.savedSnapshot(basedir, 'setup')
assert Snapshot.diff(setup, ItSupport.snapshotBeforeRun(basedir, 2)).isEmpty()

// 2 upgraded; 3 put the old backend and the crontab back, keeping what was live in a pre-rollback set.
log.run(2).expectSuccess().expect('Backend upgraded to drush 7.x-4.4')
def upgrade = home.toFile().listFiles().find { it.name ==~ /pre-upgrade-.*/ }
def rollback = home.toFile().listFiles().find { it.name ==~ /pre-rollback-.*/ }
assert upgrade != null && rollback != null
log.run(3).expectSuccess().expect(
        "Restoring ${upgrade}; the current directories go into ${rollback}",
        "Restored the crontab of aegir saved in ${upgrade}",
        "Rolled back to ${upgrade}; what was live is now in ${rollback}")
assert new File(rollback, 'drush/drush.info').text.contains('drush_version=4.4')

// The home is as before the upgrade, byte for byte, crontab included; besides the two backup sets and the
// plugin's own record, nothing differs.
def now = ItSupport.snapshot(basedir)
def diff = Snapshot.diff(setup, now)
def unexpected = diff.findAll { !(it =~ /^added +(pre-upgrade-|pre-rollback-|\.aegir-maven-plugin)/) }
assert unexpected.isEmpty() : "after the rollback the home differs from before the upgrade:\n" + unexpected.join('\n')
return true
