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
// the first pre-rollback set is run 3's (run 5 makes a second one)
def rollback = home.toFile().listFiles().findAll { it.name ==~ /pre-rollback-.*/ }.sort { it.name }[0]
assert upgrade != null && rollback != null
log.run(3).expectSuccess().expect(
        "Restoring ${upgrade}; the current directories go into ${rollback}",
        "Restored the crontab of aegir saved in ${upgrade}",
        "Rolled back to ${upgrade}; what was live is now in ${rollback}")
assert ItSupport.snapshotBeforeRun(basedir, 4).entries().containsKey(rollback.name + '/drush/drush.info')

// The home is as before the upgrade, byte for byte, crontab included; besides the two backup sets and the
// plugin's own record, nothing differs (as run 4 found it).
def afterRollback = ItSupport.snapshotBeforeRun(basedir, 4)
def diff = Snapshot.diff(setup, afterRollback)
def unexpected = diff.findAll { !(it =~ /^added +(pre-upgrade-|pre-rollback-|\.aegir-maven-plugin)/) }
assert unexpected.isEmpty() : "after the rollback the home differs from before the upgrade:\n" + unexpected.join('\n')

// 4: a rollback undoes the newest upgrade once: the second one says so, names the set that undoes it, changes nothing.
log.run(4).expectFailure().expect(
        "Nothing to roll back: the newest upgrade, whose backup set is ${upgrade}, was already rolled back (what was"
                + " live then is in ${rollback})",
        "To undo that rollback, name its set: mvn aegir:rollback -Daegir.backupSet=${rollback.name}")
def second = Snapshot.diff(afterRollback, ItSupport.snapshotBeforeRun(basedir, 5))
assert second.isEmpty() : "the second rollback changed the home:\n" + second.join('\n')

// 5: undoing the rollback is a request naming the set: the upgraded backend is back, crontab included.
log.run(5).expectSuccess().expect("Restoring ${rollback}", "Rolled back to ${rollback}")
assert new File(home.toFile(), 'drush/drush.info').text.contains('drush_version=4.4')
assert new File(home.toFile(), '.drush/provision/provision.info').text.contains('6.x-1.0-rc3')
def undone = Snapshot.diff(ItSupport.snapshotBeforeRun(basedir, 3), ItSupport.snapshotBeforeRun(basedir, 6))
        .findAll { !(it =~ /^(added|changed|removed) +(pre-upgrade-|pre-rollback-|\.aegir-maven-plugin)/) }
assert undone.isEmpty() : "after undoing the rollback the home differs from after the upgrade:\n" + undone.join('\n')

// 6: now two sets' names start with pre-rollback-: refused, nothing changed.
log.run(6).expectFailure().expect("backupSet (-Daegir.backupSet) is 'pre-rollback-', which is the start of the names"
        + " of 2 backup sets in ${home}", 'Give the whole name of the one to restore.')
def last = Snapshot.diff(ItSupport.snapshotBeforeRun(basedir, 6), ItSupport.snapshot(basedir))
assert last.isEmpty() : "the refused rollback changed the home:\n" + last.join('\n')
return true
