import io.github.aegirmaven.aegir.harness.Host
import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Snapshot

def log = ItLog.of(basedir)
def sandbox = ItSupport.sandbox(basedir)
def home = sandbox.home()
def old = sandbox.oldPlatform()
def now = sandbox.newPlatform()
ItSupport.finish(basedir)
def setup = ItSupport.savedSnapshot(basedir, 'setup')
def set = home.toFile().listFiles().find { it.name ==~ /pre-upgrade-.*/ }
assert set != null

// drush got as far as crontab -r, then failed; the message carries its error and what the plugin put right.
log.only().expectFailure().expect(
        '[drush] Removed the crontab of aegir (crontab -r)',
        "drush hostmaster-migrate aegir.example.com ${now} failed: drush reported an error (exit code 1; see the [error] lines).",
        "Command: (cd ${old} && php ${home}/drush/drush.php --php=php hostmaster-migrate aegir.example.com ${now} -y)",
        "The crontab of aegir was put back from ${set}.",
        "The old platform ${old} still holds the site.",
        'Fix the cause shown above and run again.')

// The crontab is back byte for byte, Aegir's hosting-dispatch line and the administrator's own included.
assert Host.readCrontab('aegir') == setup.crontab().get()

// The old platform, with the site, is exactly as before: the live site was never touched.
def now1 = ItSupport.snapshot(basedir)
def oldPlatform = Snapshot.diff(setup, now1).findAll { it =~ /^(added|removed|changed) +hostmaster-6\.x-1\.0-rc2/ }
assert oldPlatform.isEmpty() : "the old platform changed:\n" + oldPlatform.join('\n')
assert new File(old.toFile(), 'sites/aegir.example.com/settings.php').file
return true
