import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Snapshot
import java.nio.file.Files

def log = ItLog.of(basedir)
def sandbox = ItSupport.sandbox(basedir)
def home = sandbox.home()
def old = sandbox.oldPlatform()
def now = sandbox.newPlatform()
ItSupport.finish(basedir)
def setup = ItSupport.savedSnapshot(basedir, 'setup')

// 1: the full upgrade.
log.run(1).expectSuccess().expect("Migrated aegir.example.com to ${now}")
def set = home.toFile().listFiles().find { it.name ==~ /pre-upgrade-.*/ }
assert set != null

// 2: the old drush and provision are not put back under a frontend that runs on the new platform, and nothing
// changes. The stand-in's migration leaves no backup of the site in ~/backups, so no provision commands are advised
// (they would deploy a backup that is not there); the message says what is missing.
log.run(2).expectFailure().expect(
        "The newest backup set ${set} holds the backend from before an upgrade that also migrated the hostmaster"
                + " site aegir.example.com from ${old} to ${now}, and the site still lives there",
        // the stand-in's provision-migrate keeps its backup in ~/backups, as the real one does: the way back is given,
        // naming every alias entry it depends on
        "`php ${home}/drush/drush.php @hostmaster provision-delete`",
        "set 'root' in ${home}/.drush/hostmaster.alias.drushrc.php back to ${old}, 'site_path' back to",
        "'platform' back to '@platform_hostmaster' (the old platform's alias, ${home}/.drush/platform_hostmaster.alias.drushrc.php",
        "@hostmaster provision-deploy ${home}/backups/aegir.example.com-",
        'To restore only the backend anyway, set -Daegir.backendOnly=true.')
        .expectNot('but there is none')
def changes = Snapshot.diff(ItSupport.snapshotBeforeRun(basedir, 2), ItSupport.snapshotBeforeRun(basedir, 3))
assert changes.isEmpty() : "the refused rollback changed the home:\n" + changes.join('\n')

// 3: asked for, the backend and the crontab from before the upgrade come back; the site stays where it is.
log.run(3).expectSuccess().expect(
        "backendOnly (-Daegir.backendOnly) is set: restoring the backend of ${set} although aegir.example.com still"
                + " lives in ${now}",
        "Rolled back to ${set}")
assert new File(home.toFile(), 'drush/drush.info').text.contains('drush_version=4.2')
assert new File(home.toFile(), '.drush/provision/provision.info').text.contains('6.x-1.0-rc2')
assert Files.isRegularFile(now.resolve('sites/aegir.example.com/settings.php'))
assert ItSupport.snapshot(basedir).crontab() == setup.crontab()
return true
