import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Sha256

def log = ItLog.of(basedir)
def lock = new File(basedir, 'aegir.lock')
def releases = new File(ItSupport.context(basedir).getProperty('releases'))
def counts = ItSupport.finish(basedir)
def line = { project, version ->
    def file = new File(releases, "${project}-${version}.tar.gz")
    "${project} ${version} sha256:${Sha256.of(file.toPath())} size:${file.length()}".toString()
}

// The lock pins exactly the three releases, with the sums and sizes of what the server serves.
def pins = lock.readLines().findAll { !it.startsWith('#') && !it.isBlank() }
assert pins == [line('drush', '7.x-4.4'), line('drush_make', '6.x-2.2'), line('provision', '6.x-1.0-rc3')]
assert lock.text.startsWith('# aegir.lock: SHA-256 sums of the release archives this build installs')

log.run(1).expectSuccess().expect(
        "Pinned drush 7.x-4.4: sha256 ${Sha256.of(new File(releases, 'drush-7.x-4.4.tar.gz').toPath())}",
        "Wrote ${lock.canonicalPath}: 3 added, 0 verified, 0 dropped (no longer pinned).")
        // recording is what aegir:lock is for: no "first use" warning telling to refuse what it does not pin
        .expectNot('No entry for', 'first use', '[WARNING]')
// Run 2 checks the pins against the cached archives and writes nothing.
log.run(2).expectSuccess().expect(
        'Verified drush 7.x-4.4 against its pin',
        "${lock.canonicalPath} already pins drush 7.x-4.4, provision 6.x-1.0-rc3, drush_make 6.x-2.2: unchanged.")
        .expectNot('Downloading drush', 'Wrote ')

assert counts == ['/files/projects/drush-7.x-4.4.tar.gz': 1, '/files/projects/drush_make-6.x-2.2.tar.gz': 1,
                  '/files/projects/provision-6.x-1.0-rc3.tar.gz': 1, total: 3]
// aegir:lock does not touch the Aegir home.
ItSupport.assertHomeUnchangedSince(basedir, 'setup', 'aegir:lock')
return true
