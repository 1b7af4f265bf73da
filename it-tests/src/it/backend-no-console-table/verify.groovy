import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport

def log = ItLog.of(basedir)
def sandbox = ItSupport.sandbox(basedir)
def home = sandbox.home()
def counts = ItSupport.finish(basedir)

def refusal = [
        "drush 7.x-4.4 (drushVersion, -Daegir.drushVersion) needs PEAR's Console_Table on every command",
        'Console/Table.php is not on the include_path of the PHP that runs drush',
        "(php: php, run as aegir; its include_path is '",
        "the old drush has no includes/table.inc to carry over (${home}/drush/includes/table.inc does not exist)",
        'Nothing was changed.',
        "install Debian's php-console-table package",
        "or put a copy of Console_Table's Table.php at ${home}/drush/includes/table.inc"]
// The dry run fails as the real run would.
log.run(1).expectFailure().expect(*refusal).expectNot('Staged', 'Moved', '[dry run] nothing was changed.')
log.run(2).expectFailure().expect(*refusal).expectNot('Downloading', 'Staged', 'Moved', 'Running (cd')

// Refused before anything in the home changed, and drush was never run (so it never tried to download table.inc).
// The dry run checked every release too, so that every problem is reported together: each was fetched once, into
// the release cache (never the home); the real run found them there.
assert counts.total == 3 && counts.every { k, v -> v <= 3 } : counts
assert !sandbox.downloadAttempts().toFile().exists()
ItSupport.assertHomeUnchangedSince(basedir, 'setup', 'The refused runs')
return true
