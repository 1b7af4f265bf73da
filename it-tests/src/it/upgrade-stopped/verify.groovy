import io.github.aegirmaven.aegir.harness.Host
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.MavenRun
import java.nio.file.Files
import java.time.Duration

// SIGTERM (as Ctrl-C, a closed session or `kill`) while drush hostmaster-migrate runs, after drush removed the
// crontab: the build stops drush and what drush started, says what state the home is in and what to run next.
def goal = "io.github.aegirmaven:aegir-maven-plugin:${pluginVersion}:upgrade".toString()
def maven = { String log ->
    MavenRun.forIt(basedir.toPath(), new File(itSettingsFile).toPath(), localRepositoryPath.toPath(),
            new File(outerLocalRepository).toPath()).goals(goal).logTo(new File(basedir, log).toPath())
}
def sandbox = ItSupport.sandbox(basedir)
def home = sandbox.home()
def drushOf = { ProcessHandle h -> h.info().arguments().map { it.any { a -> a.startsWith(home.toString()) } }.orElse(false) }

sandbox.delaySteps(400)
def run = maven('stopped.log').start()
assert run.awaitLine({ it.contains('[drush] Removed the crontab') }, Duration.ofMinutes(2)).isPresent() : run.lines()
def children = ProcessHandle.of(run.pid()).get().descendants().toList()
assert children.any(drushOf) : 'drush was not running'
run.terminate()
def result = run.waitFor(Duration.ofMinutes(1))
assert !result.timedOut() : result
def out = result.output()
assert out.contains('The build was stopped before it ended') : result
assert out.contains("Installed now in ${home}: ") : result
assert out.contains('Next: run `mvn aegir:upgrade` again') : result
// Stopping drush is a failed migration that did not move the site: its crontab (which drush had removed) is back.
assert Host.readCrontab('aegir').contains('hosting-dispatch') : 'the stopped build left the aegir user without its crontab'
Thread.sleep(500)
assert children.every { !it.isAlive() } : "left running: ${children.findAll { it.isAlive() }.collect { it.info() }}"
assert !ProcessHandle.allProcesses().anyMatch(drushOf) : 'a drush of this home still runs'

// The next build puts right what the stopped one left (the crontab among it) and finishes the upgrade.
sandbox.delaySteps(0)
def next = maven('next.log').run(Duration.ofMinutes(3))
assert next.succeeded() : next
assert Files.readString(sandbox.drushDir().resolve('drush.info')).contains('drush_version=4.4')
assert Files.isRegularFile(sandbox.siteDir(sandbox.newPlatform()).resolve('settings.php'))
assert Host.readCrontab('aegir').contains('hosting-dispatch')
ItSupport.finish(basedir)
return true
