import io.github.aegirmaven.aegir.harness.Host
import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Sandbox
import io.github.aegirmaven.aegir.harness.Snapshot
import java.nio.file.Files

def log = ItLog.of(basedir)
def sandbox = ItSupport.sandbox(basedir)
def home = sandbox.home()
def old = sandbox.oldPlatform()
def now = sandbox.newPlatform()
def counts = ItSupport.finish(basedir)
def setup = ItSupport.savedSnapshot(basedir, 'setup')
def set = home.toFile().listFiles().find { it.name ==~ /pre-upgrade-\d{4}-\d{2}-\d{2}-\d{6}/ }
assert set != null

// Run 1: the plan first, then the manual page step by step, then the summary.
def run1 = log.run(1).expectSuccess().expect(
        "Aegir upgrade plan for ${home} (as aegir):",
        '  1. backend:',
        'drush: 4.2 -> 7.x-4.4',
        "  2. frontend: drush hostmaster-migrate aegir.example.com ${now} -y, from the old hostmaster root",
        'Verified: drush 4.4 runs as aegir and finds provision 6.x-1.0-rc3.',
        "Running (cd ${old} && php ${home}/drush/drush.php --php=php hostmaster-migrate aegir.example.com ${now} -y) as aegir (through su)",
        "Migrated aegir.example.com to ${now}",
        'Aegir upgrade summary:',
        '  backend:  installed [drush-7.x-4.4, provision-6.x-1.0-rc3, drush_make-6.x-2.2]',
        "  frontend: aegir.example.com migrated to ${now}",
        "  backup set: ${set} (mvn aegir:rollback restores the backend once the frontend is back on ${old}; it says how)")
def text = run1.text()
assert text.indexOf('Aegir upgrade plan') < text.indexOf('Backend upgrade in') : 'the plan comes first'
assert text.indexOf('Verified: drush 4.4') < text.indexOf('hostmaster-migrate: aegir.example.com') : 'backend before frontend'

// After run 1: the new backend, the site on the new platform, the hosting-dispatch crontab; one backup set
// holding the old backend and the crontab as it was.
assert new File(home.toFile(), '.drush/provision/provision.info').text.contains('version = "6.x-1.0-rc3"')
assert Files.isRegularFile(now.resolve('sites/aegir.example.com/settings.php'))
assert new File(set, 'drush/drush.info').text.contains('drush_version=4.2')
assert new File(set, 'crontab').text == setup.crontab().get()
def afterRun1 = ItSupport.snapshotBeforeRun(basedir, 2)
assert afterRun1.crontab().get().contains(sandbox.hostingDispatchLine())
assert afterRun1.crontab().get().contains(Sandbox.ADMIN_CRON_LINE)

// Run 2: each step finds its work done, says so, and nothing is downloaded or changed.
log.run(2).expectSuccess().expect(
        "Backend is up to date: drush 7.x-4.4, provision 6.x-1.0-rc3, drush_make 6.x-2.2 installed in ${home}. Nothing to do.",
        "The site aegir.example.com already lives in ${now}: hostmaster-migrate has nothing to do.",
        '  backend:  already drush 7.x-4.4, provision 6.x-1.0-rc3, drush_make 6.x-2.2',
        "  frontend: aegir.example.com already on ${now}",
        '  nothing changed, no backup set made')
        .expectNot('Downloading drush', 'Staged', 'Moved', 'Running (cd', 'Saved the crontab')
assert counts == ['/files/projects/drush-7.x-4.4.tar.gz': 1, '/files/projects/drush_make-6.x-2.2.tar.gz': 1,
                  '/files/projects/provision-6.x-1.0-rc3.tar.gz': 1, total: 3]
// Run 2 built no HTTP client (no TLS either), and took the plugin's classes and its libraries' from its one jar:
// Maven resolved no other jar for it.
def loaded = new File(basedir, 'classes-loaded.txt').readLines()
def built = loaded.findAll { it =~ /\.hc\.client5\.http\.impl\.|sun\.security\.ssl\./ }
assert built.isEmpty() : "a run with nothing to do loaded HTTP client or TLS classes:\n" + built.take(5).join('\n')
def jars = loaded.findAll { it.contains('/local-repo/') }.collect { it.replaceFirst(/.* source: /, '') }.unique()
assert jars.size() == 1 && jars[0].endsWith('/aegir-maven-plugin-' + pluginVersion + '.jar') : jars
def run2 = Snapshot.diff(afterRun1, ItSupport.snapshot(basedir))
assert run2.isEmpty() : "the second run changed the home:\n" + run2.join('\n')
// The JSON form of each run (schema in docs/json-reports.md).
def json = new groovy.json.JsonSlurper()
def first = json.parse(new File(basedir, 'target/aegir/first.json'))
assert first.schemaVersion == 1 && first.goal == 'upgrade' && first.result == 'upgraded' : first
assert first.pins == [drush: '7.x-4.4', provision: '6.x-1.0-rc3', drush_make: '6.x-2.2'] : first.pins
assert first.backend.changed && first.backend.backupSet && first.frontend.migrated : first
assert first.frontend.newDir == now.toString() && first.problems == [] : first
def second = json.parse(new File(basedir, 'target/aegir/upgrade.json'))
assert second.result == 'nothing-to-do' && !second.backend.changed && !second.frontend.migrated : second
return true
