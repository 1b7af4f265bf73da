import io.github.aegirmaven.aegir.harness.Host
import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Sandbox
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

// drush got as far as crontab -r, then failed; the message carries its error (200 lines before the end of its
// output), where its full log is, and what the plugin put right.
def logs = new File(basedir, 'target/aegir').listFiles().findAll { it.name ==~ /drush-\d{8}-\d{6}-hostmaster-migrate\.log/ }
assert logs.size() == 1 : "the full drush log in target/aegir: ${new File(basedir, 'target/aegir').list()}"
def saved = logs[0]
def error = 'hostmaster-pause failed after the crontab was removed (stand-in failure injection: after-crontab-r)'
def run = log.only().expectFailure().expect(
        '[drush] Removed the crontab of aegir (crontab -r)',
        "drush hostmaster-migrate aegir.example.com ${now} failed: drush reported an error (exit code 1; its [error] lines are below).",
        "Command: (cd ${old} && php ${home}/drush/drush.php --php=php hostmaster-migrate aegir.example.com ${now} -y)",
        "drush's errors in its output:",
        "  ${error}",
        "Full drush log (secrets masked): ${saved.absolutePath}",
        "The crontab of aegir was put back from ${set}.",
        "The old platform ${old} still holds the site.",
        'Fix the cause shown above and run again.')
        .expectNot('Last 40 line(s)')
// The saved log has every line: the error, then the 200 lines after it; no secret (the sandbox's database password).
def lines = saved.readLines('UTF-8')
def at = lines.findIndexOf { it.contains(error) && it.endsWith('[error]') }
assert at > 0 && lines.size() - at > 200 : "the [error] line in ${saved}: at ${at} of ${lines.size()}"
assert lines.any { it.contains('stand-in trailing output, line 200 of 200') }
assert lines.last() == '# exit code 1'
assert !saved.text.contains(Sandbox.FAKE_DB_PASSWORD) && !run.text().contains(Sandbox.FAKE_DB_PASSWORD)

// The crontab is back byte for byte, Aegir's hosting-dispatch line and the administrator's own included.
assert Host.readCrontab('aegir') == setup.crontab().get()

// The old platform, with the site, is exactly as before: the live site was never touched.
def now1 = ItSupport.snapshot(basedir)
def oldPlatform = Snapshot.diff(setup, now1).findAll { it =~ /^(added|removed|changed) +hostmaster-6\.x-1\.0-rc2/ }
assert oldPlatform.isEmpty() : "the old platform changed:\n" + oldPlatform.join('\n')
assert new File(old.toFile(), 'sites/aegir.example.com/settings.php').file
return true
