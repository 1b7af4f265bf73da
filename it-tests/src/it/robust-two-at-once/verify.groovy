import io.github.aegirmaven.aegir.harness.Host
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.MavenRun
import io.github.aegirmaven.aegir.harness.ReleaseCatalog
import io.github.aegirmaven.aegir.harness.ReleaseServer
import io.github.aegirmaven.aegir.harness.Sandbox
import java.nio.file.Files
import java.time.Duration
import java.time.Instant

// Two builds against one Aegir home. One runs, the other is refused at once with a message naming
// the holder (pid, start time); a lock left by a killed build is recognised as stale and taken over safely.
def goal = "io.github.aegirmaven:aegir-maven-plugin:${pluginVersion}:upgrade".toString()
def maven = { String log ->
    MavenRun.forIt(basedir.toPath(), new File(itSettingsFile).toPath(), localRepositoryPath.toPath(),
            new File(outerLocalRepository).toPath()).goals(goal).logTo(new File(basedir, log).toPath())
}
def context = ItSupport.context(basedir)
def sandbox = ItSupport.sandbox(basedir)
def home = sandbox.home()
def server = ItSupport.server(basedir)
def slow = { boolean on ->
    server.setSlowPace(512, Duration.ofMillis(150))
    ReleaseCatalog.upgradeReleases().each { server.setMode(it.fileName(), on ? ReleaseServer.Mode.SLOW : ReleaseServer.Mode.NORMAL) }
}
def upgraded = {
    assert Files.readString(sandbox.drushDir().resolve('drush.info')).contains('drush_version=4.4')
    assert Files.isRegularFile(sandbox.siteDir(sandbox.newPlatform()).resolve('settings.php'))
    assert Host.readCrontab('aegir').contains(sandbox.hostingDispatchLine())
    assert !Files.exists(home.resolve('.aegir-maven-plugin/lock')) : 'the run lock was left behind'
    assert !Files.exists(home.resolve('.aegir-maven-plugin/lock.info')) : 'lock.info was left behind'
}

// 1. Two at once: the second starts while the first downloads (slowly), and is refused at once.
slow(true)
def first = maven('first.log').start()
assert first.awaitLine({ it.contains('] Downloading ') }, Duration.ofMinutes(1)).isPresent() : first.lines()
def firstStarted = Instant.now()
def second = maven('second.log').run(Duration.ofMinutes(1))
assert first.isAlive() : 'the first build had ended before the second was refused'
println "Second build: exit ${second.exitCode()}, ${second.elapsed().toMillis()} ms"
assert second.exitCode() != 0
def refusal = second.output()
def expected = "Another aegir-maven-plugin build (pid ${first.pid()}, goal upgrade, started ".toString()
assert refusal.contains(expected) : refusal
def started = Instant.parse((refusal =~ /goal upgrade, started (\S+?)[ )]/)[0][1])
assert started.isBefore(firstStarted) && started.isAfter(firstStarted.minusSeconds(60)) : "start time ${started}"
assert refusal.contains("kill ${first.pid()}")
assert !refusal.contains('] Downloading ') : 'the refused build downloaded'
// refused at once: between the goal starting and the refusal nothing waited
def goalAt = second.lines().find { it.text().contains(':upgrade (default-cli)') }.millis()
def errorAt = second.lines().find { it.text().startsWith('[ERROR]') }.millis()
println "Refused ${errorAt - goalAt} ms after the goal started"
assert errorAt - goalAt < 5000
def firstResult = first.waitFor(Duration.ofMinutes(3))
assert firstResult.succeeded() : firstResult
upgraded()

// 2. A stale lock: a build killed (SIGKILL) while it downloads leaves lock and lock.info; the next takes over.
Sandbox.delete(home)
Sandbox.delete(new File(context.getProperty('cache')).toPath())
sandbox = Sandbox.create(home, new File(harnessBuildDirectory, 'releases').toPath(), Optional.of('aegir'))
slow(true)
def killed = maven('killed.log').start()
assert killed.awaitLine({ it.contains('] Downloading ') }, Duration.ofMinutes(1)).isPresent()
killed.killJvm()
assert Files.readString(home.resolve('.aegir-maven-plugin/lock.info')).contains("pid=${killed.pid()}")
slow(false)
def next = maven('next.log').run(Duration.ofMinutes(3))
assert next.succeeded() : next
assert next.output().contains("Taking over the stale lock of a build that is gone (pid ${killed.pid()}, goal upgrade, started ")
upgraded()

// 3. lock.info edited into nonsense, no build holding the lock: said so, replaced, and the build goes on.
Files.createDirectories(home.resolve('.aegir-maven-plugin'))
Files.writeString(home.resolve('.aegir-maven-plugin/lock.info'), 'held by me, do not touch!\n')
def after = maven('nonsense.log').run(Duration.ofMinutes(3))
assert after.succeeded() : after
assert after.output().contains("The record of the run lock's last holder, ${home}/.aegir-maven-plugin/lock.info, is not what this plugin writes")
assert after.output().contains('Nothing to do')
upgraded()

ItSupport.finish(basedir)
Sandbox.delete(home)
Host.removeCrontab('aegir')
return true
