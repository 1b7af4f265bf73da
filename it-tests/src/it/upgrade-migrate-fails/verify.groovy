import io.github.aegirmaven.aegir.harness.Host
import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Sandbox
import io.github.aegirmaven.aegir.harness.Snapshot

def log = ItLog.of(basedir)
def sandbox = ItSupport.sandbox(basedir)
def home = sandbox.home()
def old = sandbox.oldPlatform()
def now = sandbox.newPlatform()
ItSupport.finish(basedir)
def setup = ItSupport.savedSnapshot(basedir, 'setup')
def set = home.toFile().listFiles().find { it.name ==~ /pre-upgrade-.*/ }
def rollback = home.toFile().listFiles().find { it.name ==~ /pre-rollback-.*/ }
assert set != null && rollback != null

// Every drush run of the build is saved in full in target/aegir: the check of the new drush, then the migration.
def logDir = new File(basedir, 'target/aegir')
def saved = logDir.listFiles().findAll { it.name.startsWith('drush-') }.sort { it.name }
assert saved*.name.collect { it.replaceFirst(/^drush-\d{8}-\d{6}-/, '') }.sort() ==
        ['help.log', 'hostmaster-migrate.log', 'version.log'] : saved*.name
def migrateLog = saved.find { it.name.endsWith('-hostmaster-migrate.log') }
// The backend was upgraded, then drush failed the migration: the backend goes back, and the message says so.
def run = log.only().expectFailure().expect(
        'Verified: drush 4.4 runs as aegir and finds provision 6.x-1.0-rc3.',
        "drush hostmaster-migrate aegir.example.com ${now} failed: drush reported an error (exit code 1; its [error] lines are below).",
        "  provision-migrate of aegir.example.com failed (stand-in failure injection: migrate)",
        "Full drush log (secrets masked): ${migrateLog.absolutePath}",
        "The old platform ${old} still holds the site.",
        "hostmaster-migrate failed after this build upgraded the backend; putting the backend back from ${set}",
        "So that the server is not left half-upgraded, the backend this build installed ([drush-7.x-4.4,",
        "was put back from ${set}; what it had installed is in ${rollback}.",
        'drush, provision and drush_make are as before the upgrade',
        'MAVEN/MojoFailureException')
        .expectNot('Aegir upgrade summary:')
// drush printed the database credentials in its four forms (-X: --verbose), each masked in the build log and in the
// saved logs; the password itself is in neither.
run.expect("[drush]   'db_passwd' => '****',", "[drush]   'master_db' => 'mysql://aegir_root:****@localhost',",
        "[drush]   \$options['db_passwd'] = '****';", '"db_passwd":"****"', '"master_db":"mysql:\\/\\/aegir_root:****@localhost"')
assert migrateLog.text.contains("\$options['db_passwd'] = '****';")
assert !log.text().contains(Sandbox.FAKE_DB_PASSWORD) : 'build.log holds the database password'
saved.each { assert !it.text.contains(Sandbox.FAKE_DB_PASSWORD) : "${it} holds the database password" }

// The server is as before the upgrade: the old backend, the crontab, the site on the old platform, no new
// platform; besides the two backup sets, the plugin's own record and the alias of the new platform that
// provision saved before it failed (drush's, as a real failed migration leaves it), nothing differs.
assert new File(home.toFile(), 'drush/drush.info').text.contains('drush_version=4.2')
assert Host.readCrontab('aegir') == setup.crontab().get()
def diff = Snapshot.diff(setup, ItSupport.snapshot(basedir))
def unexpected = diff.findAll { !(it =~ /^added +(pre-upgrade-|pre-rollback-|\.aegir-maven-plugin|\.drush\/platform_hostmaster6x10rc3\.alias\.drushrc\.php )/) }
assert unexpected.isEmpty() : "after the failed upgrade the home differs from before it:\n" + unexpected.join('\n')
assert new File(rollback, 'drush/drush.info').text.contains('drush_version=4.4')
return true
