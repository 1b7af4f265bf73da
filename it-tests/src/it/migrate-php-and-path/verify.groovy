import io.github.aegirmaven.aegir.harness.Host
import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.PhpWrapper
import java.nio.file.Files

def log = ItLog.of(basedir)
def sandbox = ItSupport.sandbox(basedir)
def home = sandbox.home()
def old = sandbox.oldPlatform()
def now = sandbox.newPlatform()
ItSupport.finish(basedir)
def wrapper = PhpWrapper.at(basedir.toPath().resolve('php-bin'))
def php = wrapper.php().toString()
// The PATH the plugin chose: the system's, with the directory of the configured php first.
def path = "${wrapper.php().parent}:/usr/local/bin:/usr/bin:/bin".toString()

log.only().expectSuccess().expect(
        "Running (cd ${old} && ${php} ${home}/drush/drush.php --php=${php} hostmaster-migrate aegir.example.com ${now} -y)"
                + " as aegir (through su)",
        "  with HOME=${home} USER=aegir PATH=${path} LANG=C.UTF-8 (none of this build's environment)",
        "Migrated aegir.example.com to ${now}")
assert Files.isRegularFile(now.resolve('sites/aegir.example.com/settings.php'))

// drush ran under the configured php, and so did its child drush calls, started as drush 4 starts them
// (PHP drush.php --php=PHP): drush make, and hostmaster-resume's drush @hostmaster hosting-setup.
def drushPhp = sandbox.drushPhp().toRealPath().toString()
def starts = wrapper.starts()
assert starts.size() == 3 : starts
assert starts[0] == "${php} ${home}/drush/drush.php --php=${php} hostmaster-migrate aegir.example.com ${now} -y".toString()
assert starts[1].startsWith("${php} ${drushPhp} --php=${php} make ") : starts
assert starts[2] == "${php} ${drushPhp} --php=${php} @hostmaster hosting-setup --yes".toString()

// Each with the aegir user's environment and nothing of Maven's (the wrapper's shell adds PWD).
def allowed = ['HOME', 'USER', 'LOGNAME', 'SHELL', 'PATH', 'LANG', 'TERM', 'PWD', 'AEGIR_MAVEN_PLUGIN_HOME',
               'AEGIR_MAVEN_PLUGIN_BUILD']
def envs = wrapper.environments()
assert envs.size() == 3
envs.each { env ->
    def names = env.collect { it.substring(0, it.indexOf('=')) }
    assert allowed.containsAll(names) : env
    assert env.contains("PATH=${path}".toString()) : env
    assert env.contains("HOME=${home}".toString()) && env.contains('USER=aegir') && env.contains('LANG=C.UTF-8') : env
    assert !env.any { it.contains('must-not-reach-drush') } : env
}

// hosting-setup wrote that PATH into the crontab: cron runs drush.php (bare, through its shebang) with the same php.
def lines = Host.readCrontab('aegir').readLines()
assert lines[0] == 'SHELL=/bin/bash'
assert lines[1] == "PATH=${path}".toString()
assert lines[2] == sandbox.hostingDispatchLine()
// None of the build's (root's, Maven's) PATH entries that are not in the chosen PATH.
def chosen = path.split(':') as List
def buildOnly = System.getenv('PATH').split(':').findAll { it && !chosen.contains(it) }
println "PATH entries of the build kept out of drush's: ${buildOnly}"
buildOnly.each { assert !(lines[1].substring(5).split(':') as List).contains(it) }
return true
