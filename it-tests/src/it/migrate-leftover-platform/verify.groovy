import io.github.aegirmaven.aegir.harness.Host
import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Snapshot
import java.nio.file.Files

def log = ItLog.of(basedir)
def sandbox = ItSupport.sandbox(basedir)
def home = sandbox.home()
def now = sandbox.newPlatform()
ItSupport.finish(basedir)

// 1: refused, naming the directory, what it lacks, and both ways out; nothing changed.
log.run(1).expectFailure().expect(
        "newHostmasterDir ${now} exists but is not a complete platform (it lacks includes/bootstrap.inc,",
        'probably left by an earlier failed run, and provision would use it as it is.',
        'Remove it, or set -Daegir.moveAsideLeftover=true to move it into the backup set.')
        .expectNot('Running (cd', 'Saved the crontab')
assert Snapshot.diff(ItSupport.savedSnapshot(basedir, 'setup'), ItSupport.snapshotBeforeRun(basedir, 2)).isEmpty()

// 2: the leftover went into the backup set, and drush make built the new platform from scratch.
def set = home.toFile().listFiles().find { it.name ==~ /pre-upgrade-.*/ }
assert set != null
def aside = new File(set, 'leftover-hostmaster-6.x-1.0-rc3')
log.run(2).expectSuccess().expect(
        "half-built ${now} (lacks includes/bootstrap.inc",
        "Moved the half-built ${now} to ${aside}",
        "does not exist, fetching from drush makefile",
        "Migrated aegir.example.com to ${now}")
assert new File(aside, 'index.php').text.contains('half-built by an earlier failed drush make')
assert Files.isRegularFile(now.resolve('includes/bootstrap.inc'))
assert Files.isRegularFile(now.resolve('sites/aegir.example.com/settings.php'))
assert Host.readCrontab('aegir').contains(sandbox.hostingDispatchLine())
return true
