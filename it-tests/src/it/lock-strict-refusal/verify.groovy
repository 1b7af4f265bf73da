import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Sha256
import io.github.aegirmaven.aegir.harness.Snapshot

def log = ItLog.of(basedir)
def lock = new File(basedir, 'aegir.lock')
def releases = new File(ItSupport.context(basedir).getProperty('releases'))
def counts = ItSupport.finish(basedir)

// Strict: refused before any download; no lock file written; the home as before.
log.run(1).expectFailure().expect(
        "Release drush 7.x-4.4 has no entry in lock file ${lock.canonicalPath}, and -Daegir.lock.strict is set, so it will not be used unverified.",
        'Run `mvn aegir:lock` (online) to record its SHA-256, commit the lock file, and run again.')
        .expectNot('Downloading drush')
assert Snapshot.diff(ItSupport.savedSnapshot(basedir, 'setup'), ItSupport.snapshotBeforeRun(basedir, 2)).isEmpty()

// Not strict: trust on first use, said loudly, and the lock written with what was installed.
log.run(2).expectSuccess().expect(
        'No entry for drush 7.x-4.4 in lock file',
        '(first use). Commit the lock file; set -Daegir.lock.strict=true (e.g. in CI) to refuse releases it does not pin.',
        "Recorded the SHA-256 of new releases in ${lock.canonicalPath} on first use; review and commit it.",
        'Backend upgraded to drush 7.x-4.4, provision 6.x-1.0-rc3, drush_make 6.x-2.2')
def drush = new File(releases, 'drush-7.x-4.4.tar.gz')
assert lock.readLines().contains("drush 7.x-4.4 sha256:${Sha256.of(drush.toPath())} size:${drush.length()}".toString())
assert lock.readLines().count { !it.startsWith('#') && !it.isBlank() } == 3

// Only run 2 downloaded, each release once.
assert counts.total == 3 : "${counts}"
return true
