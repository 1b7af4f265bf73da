import io.github.aegirmaven.aegir.harness.Host
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.MavenRun
import io.github.aegirmaven.aegir.harness.Sandbox
import io.github.aegirmaven.aegir.harness.Snapshot
import java.nio.file.Files
import java.time.Duration

// The build runs under umask 077, then 000; everything the upgrade writes in the
// home (new drush, provision, drush_make, the new platform built by drush, backup set, state files) must be
// 644/755 all the same, as the manual's umask 022 would give.
def goal = "io.github.aegirmaven:aegir-maven-plugin:${pluginVersion}:upgrade".toString()
def sandbox = ItSupport.sandbox(basedir)
def home = sandbox.home()
def releases = new File(harnessBuildDirectory, 'releases').toPath()
def report = []
['077', '000'].each { umask ->
    Sandbox.delete(home)
    Sandbox.delete(new File(ItSupport.context(basedir).getProperty('cache')).toPath())
    sandbox = Sandbox.create(home, releases, Optional.of('aegir'))
    def before = Snapshot.of(home)
    def result = MavenRun.forIt(basedir.toPath(), new File(itSettingsFile).toPath(), localRepositoryPath.toPath(),
            new File(outerLocalRepository).toPath()).goals(goal).umask(umask)
            .logTo(new File(basedir, "umask-${umask}.log").toPath()).run(Duration.ofMinutes(3))
    assert result.succeeded() : result
    def after = Snapshot.of(home)
    def written = after.entries().findAll { path, entry -> before.entries()[path] != entry }
    assert written.size() > 40 : "the upgrade wrote too little to tell: ${written.keySet()}"
    def wrong = written.findAll { path, entry ->
        def settings = path.endsWith('/settings.php') && entry.mode() == '0440' // Aegir's own mode, moved by drush as it was
        !settings && !(entry.type() == 'dir' ? entry.mode() == '0755' : entry.mode() in ['0644', '0755'])
    }
    assert wrong.isEmpty() : "under umask ${umask}: " + wrong.collect { path, entry -> "${path} ${entry}" }.join('\n')
    assert written.keySet().any { it.startsWith('pre-upgrade-') && it.endsWith('/manifest.properties') }
    assert written.keySet().any { it.startsWith('.aegir-maven-plugin/') }
    assert written.keySet().any { it.startsWith(Sandbox.NEW_PLATFORM + '/') }
    report << "umask ${umask}: ${written.size()} entries written, all 644/755".toString()
}
println report.join('\n')
ItSupport.finish(basedir)
Sandbox.delete(home)
Host.removeCrontab('aegir')
return true
