import io.github.aegirmaven.aegir.harness.Host
import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport

def log = ItLog.of(basedir)
def sandbox = ItSupport.sandbox(basedir)
def home = sandbox.home()
ItSupport.finish(basedir)
def setup = ItSupport.savedSnapshot(basedir, 'setup')

log.only().expectFailure().expect(
        'drush did not finish within the timeout of 5 s and was killed; if it was still working, raise timeout (-Daegir.timeout)',
        'The crontab of aegir was put back from',
        "The old platform ${sandbox.oldPlatform()} still holds the site.")

// No drush (php) and no su of this IT is left running.
def leftovers = ProcessHandle.allProcesses().filter { p ->
    p.info().commandLine().map { it.contains("${home}/drush/drush.php") }.orElse(false)
}.toList()
assert leftovers.isEmpty() : "left running: ${leftovers*.info()*.commandLine()}"
assert Host.readCrontab('aegir') == setup.crontab().get()
assert new File(sandbox.oldPlatform().toFile(), 'sites/aegir.example.com/settings.php').file
return true
