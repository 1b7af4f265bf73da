import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport

def log = ItLog.of(basedir)
def lock = new File(basedir, 'aegir.lock')
def pinned = lock.readLines().find { it.startsWith('provision 6.x-1.0-rc3 ') }.split(' ')[2]
def counts = ItSupport.finish(basedir)

// The message names the release, the URL, the lock file, the expected and the actual sum, and what to do.
log.only().expectFailure().expect(
        'Checksum mismatch for provision 6.x-1.0-rc3 downloaded from http://127.0.0.1:',
        "lock file ${lock.canonicalPath} expects ${pinned}",
        'but the download is sha256:',
        'Nothing was cached or installed.',
        'downloadUrl (-Daegir.downloadUrl)',
        'run `mvn aegir:lock`')
        .expectNot('Staged', 'Moved')

// Refused once, not retried: a wrong checksum is not a network hiccup.
assert counts['/files/projects/provision-6.x-1.0-rc3.tar.gz'] == 1
// The bad download is not in the cache (no file, no leftover part file).
def cacheDir = new File(basedir, 'aegir-cache/provision')
assert !cacheDir.exists() || cacheDir.listFiles().length == 0 : "cache holds ${cacheDir.listFiles()*.name}"
assert new File(basedir, 'aegir.lock').text == lock.text

// The Aegir home is byte for byte as before, crontab included.
ItSupport.assertHomeUnchangedSince(basedir, 'setup', 'The failed run')
return true
