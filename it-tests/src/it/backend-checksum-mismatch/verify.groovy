import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Sha256
import io.github.aegirmaven.aegir.harness.Snapshot

def log = ItLog.of(basedir)
def lock = new File(basedir, 'aegir.lock')
def served = new File(ItSupport.context(basedir).getProperty('releases'), 'drush_make-6.x-2.2.tar.gz')
def cached = new File(basedir, 'aegir-cache/drush_make/drush_make-6.x-2.2.tar.gz')
def counts = ItSupport.finish(basedir)
def sum = Sha256.of(served.toPath())

// Run 1: refused naming the lock's sum, the download's and the cached file's; the cached archive is kept.
log.run(1).expectFailure().expect(
        'Checksum mismatch for drush_make 6.x-2.2: lock file ' + lock.canonicalPath,
        "expects sha256:${'0123456789abcdef' * 4} size:${served.length()}",
        "but the download from http://127.0.0.1:",
        "is sha256:${sum} size:${served.length()} and the cached archive ${cached.canonicalPath} is sha256:${sum}",
        'The cached archive was kept as it is; nothing was installed.',
        'the entry in the lock file is most likely what is wrong',
        'correct the line "drush_make 6.x-2.2"')
        .expectNot('Staged', 'Moved')
assert Snapshot.diff(ItSupport.savedSnapshot(basedir, 'setup'), ItSupport.snapshotBeforeRun(basedir, 2)).isEmpty()
// The lock file is not re-pinned behind the user's back.
assert lock.text.contains('drush_make 6.x-2.2 sha256:' + '0123456789abcdef' * 4)

// Run 2: the corrected lock, offline (-o): drush_make from the archive kept in the cache (drush and provision
// were cached by run 1, which resolves every release before refusing).
log.run(2).expectSuccess().expect('Backend upgraded to drush 7.x-4.4, provision 6.x-1.0-rc3, drush_make 6.x-2.2')
        .expectNot('Downloading drush_make', 'Checksum mismatch')
assert cached.isFile() && Sha256.of(cached.toPath()) == sum

// Only run 1 asked the server: drush_make once (to compare), drush and provision once each.
assert counts == ['/files/projects/drush-7.x-4.4.tar.gz': 1, '/files/projects/drush_make-6.x-2.2.tar.gz': 1,
                  '/files/projects/provision-6.x-1.0-rc3.tar.gz': 1, total: 3] : "${counts}"
return true
