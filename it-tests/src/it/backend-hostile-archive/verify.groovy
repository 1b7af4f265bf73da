import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport

def log = ItLog.of(basedir)
def cached = new File(basedir, 'aegir-cache/drush_make/drush_make-6.x-2.2.tar.gz').canonicalFile
def counts = ItSupport.finish(basedir)

// The checksum matched (the lock pins this very archive); the extractor refused it, naming archive,
// entry and rule, and what to do.
log.only().expectFailure().expect(
        'Verified drush_make 6.x-2.2 against lock file',
        "Refusing to extract ${cached}: entry \"drush_make/escape",
        'Nothing was installed.',
        'check where the archive came from (downloadUrl, -Daegir.downloadUrl, and the lock file), delete it from the release cache, and run again.')
        .expectNot('Moved ')

// Nothing was written through the link.
assert !new File('/tmp/aegir-hostile-through-symlink.txt').exists()
assert counts['/files/projects/drush_make-6.x-2.2.tar.gz'] == 1

// Not even a staging directory or an empty backup set is left: the home is byte for byte as before.
ItSupport.assertHomeUnchangedSince(basedir, 'setup', 'The failed run')
return true
