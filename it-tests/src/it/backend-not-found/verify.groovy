import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport

def log = ItLog.of(basedir)
def counts = ItSupport.finish(basedir)

log.only().expectFailure().expect(
        'Downloading http://127.0.0.1:',
        '/files/projects/drush_make-6.x-2.2.tar.gz failed: the server answered 404',
        'The release is not there.',
        'Check the pinned versions (aegirVersion, drushVersion, drushMakeVersion) and downloadUrl (-Daegir.downloadUrl).')
        .expectNot('Staged', 'Moved', 'retrying')

// A 404 is an answer, not a network failure: asked once, not retried.
assert counts['/files/projects/drush_make-6.x-2.2.tar.gz'] == 1
assert !new File(basedir, 'aegir-cache/drush_make').exists() || new File(basedir, 'aegir-cache/drush_make').list().length == 0

ItSupport.assertHomeUnchangedSince(basedir, 'setup', 'The failed run')
return true
