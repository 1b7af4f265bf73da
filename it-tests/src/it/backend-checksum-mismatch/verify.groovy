import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Sha256

def log = ItLog.of(basedir)
def lock = new File(basedir, 'aegir.lock')
def served = new File(ItSupport.context(basedir).getProperty('releases'), 'drush_make-6.x-2.2.tar.gz')
def counts = ItSupport.finish(basedir)

log.only().expectFailure().expect(
        'Checksum mismatch for drush_make 6.x-2.2 downloaded from http://127.0.0.1:',
        "lock file ${lock.canonicalPath} expects sha256:${'0123456789abcdef' * 4} size:${served.length()}",
        "but the download is sha256:${Sha256.of(served.toPath())} size:${served.length()}",
        'Nothing was cached or installed.',
        'delete the line "drush_make 6.x-2.2" from the lock file and run `mvn aegir:lock`')
        .expectNot('Staged', 'Moved')

assert counts['/files/projects/drush_make-6.x-2.2.tar.gz'] == 1
assert !new File(basedir, 'aegir-cache/drush_make/drush_make-6.x-2.2.tar.gz').exists()
// The lock file is not re-pinned behind the user's back.
assert lock.text.contains('drush_make 6.x-2.2 sha256:' + '0123456789abcdef' * 4)

ItSupport.assertHomeUnchangedSince(basedir, 'setup', 'The failed run')
return true
