import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Sandbox
import io.github.aegirmaven.aegir.harness.Snapshot

def log = ItLog.of(basedir)
def home = ItSupport.sandbox(basedir).home()
def counts = ItSupport.finish(basedir)
println "[it] requests: ${counts}"

// Run 1: the plan, the verified downloads, the swap, and the check with the new drush run as aegir.
log.run(1).expectSuccess().expect(
        "Backend upgrade in ${home}:",
        'drush: 4.2 -> 7.x-4.4',
        'provision: 6.x-1.0-rc2 -> 6.x-1.0-rc3',
        'drush_make: 2.0-dev -> 6.x-2.2',
        "Console_Table: the old drush's ${home}/drush/includes/table.inc (sha256 ",
        'is carried into the new drush',
        'Verified drush 7.x-4.4 against lock file',
        'Verified: drush 4.4 runs as aegir and finds provision 6.x-1.0-rc3.',
        'Backend upgraded to drush 7.x-4.4, provision 6.x-1.0-rc3, drush_make 6.x-2.2')
// Run 2: nothing to do, said so, nothing downloaded.
log.run(2).expectSuccess()
        .expect("Backend is up to date: drush 7.x-4.4, provision 6.x-1.0-rc3, drush_make 6.x-2.2 installed in ${home}. Nothing to do.")
        .expectNot('Downloading drush', 'Downloading provision', 'Staged', 'Moved')
assert !log.run(2).pluginOutput().contains('[WARNING]') : log.run(2).pluginOutput()

// Each pinned release was downloaded once (run 1); run 2 asked the server for nothing.
assert counts == ['/files/projects/drush-7.x-4.4.tar.gz': 1, '/files/projects/drush_make-6.x-2.2.tar.gz': 1,
                  '/files/projects/provision-6.x-1.0-rc3.tar.gz': 1, total: 3]

// Run 1 changed only the backend, its backup set and the plugin's state; not the crontab, not the platform.
def setup = ItSupport.savedSnapshot(basedir, 'setup')
def afterRun1 = ItSupport.snapshotBeforeRun(basedir, 2)
def changes = Snapshot.diff(setup, afterRun1)
def outside = changes.findAll { !(it =~ /^(added|removed|changed) +(drush|\.drush\/provision|\.drush\/drush_make|pre-upgrade-|\.aegir-maven-plugin)/) }
assert outside.isEmpty() : "run 1 changed more than the backend:\n" + outside.join('\n')
assert changes.any { it.startsWith('changed drush/drush.info') }
// Everything it wrote belongs to aegir, with the modes of umask 022.
afterRun1.entries().findAll { path, e -> path ==~ /(drush|\.drush\/provision|\.drush\/drush_make|pre-upgrade-|\.aegir-maven-plugin).*/ }.each { path, e ->
    assert e.owner() == 'aegir:aegir' : "${path} is owned by ${e.owner()}"
    assert e.mode() in (e.type() == 'dir' ? ['0755'] : ['0644', '0755']) : "${path} has mode ${e.mode()}"
}
assert new File(home.toFile(), 'drush/drush.info').text.contains('drush_version=4.4')
assert new File(home.toFile(), '.drush/provision/provision.info').text.contains('version = "6.x-1.0-rc3"')

// drush 4 needs Console_Table on every command: the old drush's includes/table.inc (which no release tarball has)
// went into the new drush, the install record says so, and the new drush never tried to download it.
def tableInc = new File(home.toFile(), 'drush/includes/table.inc')
assert tableInc.text == Sandbox.TABLE_INC_TEXT
assert afterRun1.entries()['drush/includes/table.inc'].owner() == 'aegir:aegir'
assert afterRun1.entries()['drush/includes/table.inc'].mode() == '0644'
def sha = java.security.MessageDigest.getInstance('SHA-256').digest(tableInc.bytes).encodeHex().toString()
def record = new File(home.toFile(), '.aegir-maven-plugin/installed.properties').text
assert record.contains("drush.carried.includes/table.inc=${sha}") : record
def attempts = ItSupport.sandbox(basedir).downloadAttempts().toFile()
assert !attempts.exists() : attempts.text

// The old backend and the crontab are in one pre-upgrade-YYYY-MM-DD-HHMMSS set.
def sets = home.toFile().listFiles().findAll { it.name ==~ /pre-upgrade-\d{4}-\d{2}-\d{2}-\d{6}/ }
assert sets.size() == 1
def set = sets[0]
assert new File(set, 'drush/drush.info').text.contains('drush_version=4.2')
assert new File(set, 'provision/provision.info').text.contains('version = "6.x-1.0-rc2"')
assert new File(set, 'drush_make/drush_make.drush.inc').text.contains("return '2.0-dev'")
assert new File(set, 'crontab').text == setup.crontab().get()
log.run(1).expect("the previous one is in ${set}")

// Run 2 changed nothing at all: same files, modes, owners, contents and crontab.
def run2 = Snapshot.diff(afterRun1, ItSupport.snapshot(basedir))
assert run2.isEmpty() : "the second run changed the home:\n" + run2.join('\n')
return true
