import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport

def log = ItLog.of(basedir)
def counts = ItSupport.finish(basedir)

// provision: cut short once, retried, then complete and verified against the lock.
// drush_make: cut short every time; after the first try and 3 retries the build fails naming it and the URL.
log.only().expectFailure().expect(
        'Downloading http://127.0.0.1:',
        '/files/projects/provision-6.x-1.0-rc3.tar.gz failed (',
        'retrying in 1.0 s (attempt 2 of 4)',
        '/files/projects/drush_make-6.x-2.2.tar.gz failed (',
        'retrying in 4.0 s (attempt 4 of 4)',
        'Could not download http://127.0.0.1:',
        'drush_make-6.x-2.2.tar.gz after 4 attempts',
        'point downloadUrl (-Daegir.downloadUrl) at a reachable mirror',
        // the network or the mirror is the administrator's to fix: a build failure, not an unexpected error
        'MAVEN/MojoFailureException')
        .expectNot('Staged', 'Moved', 'Checksum mismatch')
assert counts['/files/projects/provision-6.x-1.0-rc3.tar.gz'] == 2 : counts
assert counts['/files/projects/drush_make-6.x-2.2.tar.gz'] == 4 : counts

// The cache holds what was complete and verified, and nothing of the broken download (no part file).
def cache = new File(basedir, 'aegir-cache')
assert new File(cache, 'provision').list().toList() == ['provision-6.x-1.0-rc3.tar.gz'] : new File(cache, 'provision').list()
def makeCache = new File(cache, 'drush_make')
assert !makeCache.exists() || makeCache.list().length == 0 : "cache holds ${makeCache.list()}"

// The Aegir home is byte for byte as before, crontab included.
ItSupport.assertHomeUnchangedSince(basedir, 'setup', 'The failed run')
return true
