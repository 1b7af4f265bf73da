import io.github.aegirmaven.aegir.harness.Host
import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Sandbox
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
log.only().expectSuccess().expect(
        "old hostmaster platform found: ${old}",
        "hostmaster-migrate: aegir.example.com from ${old} to ${now}",
        "Saved the crontab of aegir into ${set}",
        // as the manual runs it: from the old platform, php drush.php, the arguments as separate words, as aegir
        "Running (cd ${old} && php ${home}/drush/drush.php --php=php hostmaster-migrate aegir.example.com ${now} -y) as aegir (through su)",
        '[drush] Do you really want to proceed with the upgrade? (y/n): y',
        "Migrated aegir.example.com to ${now}; the crontab has its hosting-dispatch line; the previous crontab is saved in ${set}")

// The site lives in the new platform (built by drush make), with its settings; the old platform keeps the rest.
assert Files.isRegularFile(now.resolve('sites/aegir.example.com/settings.php'))
assert Files.readString(now.resolve('sites/aegir.example.com/settings.php')).contains(Sandbox.FAKE_DB_PASSWORD)
assert !Files.exists(old.resolve('sites/aegir.example.com'))
assert Files.isRegularFile(old.resolve('index.php'))
assert Files.readString(sandbox.alias('hostmaster')).contains("'root' => '${now}'")
// Everything drush wrote belongs to aegir.
ItSupport.snapshot(basedir).under('hostmaster-6.x-1.0-rc3').each { path, e -> assert e.owner() == 'aegir:aegir' : path }

// The real crontab of aegir: Aegir's new hosting-dispatch line, and the administrator's own job, which
// hosting-setup dropped with the rest, put back; the old crontab is saved in the backup set.
def crontab = Host.readCrontab('aegir')
assert crontab.contains(sandbox.hostingDispatchLine())
assert crontab.contains(Sandbox.ADMIN_CRON_LINE)
assert crontab.count('hosting-dispatch') == 1
log.only().expect("drush replaced the whole crontab of aegir; put back 2 line(s) of its own that were not Aegir's:"
        + " # The hosting administrator's own job (not Aegir's): | ${Sandbox.ADMIN_CRON_LINE}")
assert new File(set, 'crontab').text == setup.crontab().get()

// hostmaster-migrate downloads nothing.
assert counts.total == 0
return true
