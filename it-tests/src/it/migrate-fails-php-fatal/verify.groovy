import io.github.aegirmaven.aegir.harness.Host
import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Sandbox
def log = ItLog.of(basedir)
def sandbox = ItSupport.sandbox(basedir)
def home = sandbox.home()
def old = sandbox.oldPlatform()
def now = sandbox.newPlatform()
ItSupport.finish(basedir)
def setup = ItSupport.savedSnapshot(basedir, 'setup')
def logs = new File(basedir, 'target/aegir').listFiles().findAll { it.name ==~ /drush-\d{8}-\d{6}-hostmaster-migrate\.log/ }
assert logs.size() == 1 : "the full drush log in target/aegir: ${new File(basedir, 'target/aegir').list()}"
def saved = logs[0]
// Exit code 1, as for a drush error, but the message is worded from what drush printed: PHP stopped.
def run = log.only().expectFailure().expect(
        "drush hostmaster-migrate aegir.example.com ${now} failed: PHP stopped with a fatal error (exit code 1; the PHP error is below).",
        "Command: (cd ${old} && php ${home}/drush/drush.php --php=php hostmaster-migrate aegir.example.com ${now} -y)",
        "PHP's and drush's errors in its output:",
        "  PHP Fatal error:  Uncaught Error: Call to undefined function provision_standin_undefined_function_for_fatal_error()",
        "  Drush command terminated abnormally due to an unrecoverable error.",
        "Full drush log (secrets masked): ${saved.absolutePath}",
        "The old platform ${old} still holds the site.",
        'Fix the cause shown above and run again.')
        .expectNot('drush reported an error', 'Last 40 line(s)')
def lines = saved.readLines('UTF-8')
assert lines.any { it.startsWith('PHP Fatal error:  Uncaught Error: Call to undefined function') }
assert lines.any { it.startsWith('Stack trace:') }
assert lines.last() == '# exit code 1'
assert !saved.text.contains(Sandbox.FAKE_DB_PASSWORD) && !run.text().contains(Sandbox.FAKE_DB_PASSWORD)
// What the plugin puts right after any failed migration: the crontab byte for byte, the site on the old platform.
assert Host.readCrontab('aegir') == setup.crontab().get()
assert new File(old.toFile(), 'sites/aegir.example.com/settings.php').file
return true
