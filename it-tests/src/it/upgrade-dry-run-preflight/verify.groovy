import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport

def log = ItLog.of(basedir)
def sandbox = ItSupport.sandbox(basedir)
def counts = ItSupport.finish(basedir)

// The dry run makes every check the real run makes, and reports every problem together, as BUILD FAILURE.
log.only().expectFailure().expect(
        '4 problems must be fixed before anything is changed:',
        "aegirDomain (-Daegir.domain) is 'aegir example.com', which is not a host name",
        'provision-6.x-1.0-rc3.tar.gz',
        '404',
        '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
        'drush_make 6.x-2.2')
        .expectNot('[dry run] nothing was changed.', 'Staged', 'Moved')
// drush and provision were asked for, to verify them (into the release cache, never the home); drush_make was not:
// the strict lock refuses to use it unverified.
assert counts.total == 2 : counts
ItSupport.assertHomeUnchangedSince(basedir, 'setup', 'The failed dry run')
assert new File(basedir, 'aegir.lock').text == new File(basedir, 'lock-before.txt').text : 'the dry run changed the lock'
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/aegir/upgrade.json'))
assert report.schemaVersion == 1 && report.result == 'failed' && report.dryRun && report.problems.size() == 4 : report
return true
