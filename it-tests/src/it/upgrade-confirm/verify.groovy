import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.MavenRun
import java.nio.file.Files
import java.time.Duration

// Interactively (no -B, no aegir.yes) aegir:upgrade shows the plan and asks once, before the first change.
def goal = "io.github.aegirmaven:aegir-maven-plugin:${pluginVersion}:upgrade".toString()
def maven = { String log, String answers ->
    MavenRun.forIt(basedir.toPath(), new File(itSettingsFile).toPath(), localRepositoryPath.toPath(),
            new File(outerLocalRepository).toPath()).goals(goal).property('style.color', 'never')
            .answering(answers).logTo(new File(basedir, log).toPath())
}
def sandbox = ItSupport.sandbox(basedir)
def home = sandbox.home()
def question = "Go on with the upgrade of ${home} as planned above? Nothing has been changed yet. (y/n): ".toString()

// 1. "n": the plan and every check (releases verified into the release cache, never the home), the question, then
// BUILD FAILURE saying nothing was changed; the home as it was.
def no = maven('no.log', 'n\n').run(Duration.ofMinutes(3))
assert no.exitCode() != 0 : no
assert no.output().contains("Aegir upgrade plan for ${home} (as aegir):") : no
assert no.output().contains(question) : no
assert no.output().contains("Not confirmed (the answer was 'n'): the upgrade of ${home} did not start and nothing was changed") : no
assert no.output().contains('org.apache.maven.plugin.MojoFailureException') || no.output().contains('MojoFailureException') : no
assert no.output().indexOf('] Downloading ') < no.output().indexOf(question) : 'asked before the checks'
assert !no.output().contains('Staged') && !no.output().contains('Moved') : no
ItSupport.assertHomeUnchangedSince(basedir, 'setup', 'Answering n')

// 2. The end of input is no too.
def eof = maven('eof.log', '').run(Duration.ofMinutes(3))
assert eof.exitCode() != 0 : eof
assert eof.output().contains('Not confirmed (the input ended without an answer)') : eof
ItSupport.assertHomeUnchangedSince(basedir, 'setup', 'No answer')

// 3. -q would hide the plan: the build refuses to ask and says to pass -Daegir.yes.
def quiet = maven('quiet.log', 'y\n').goals('-q').run(Duration.ofMinutes(3))
assert quiet.exitCode() != 0 : quiet
assert quiet.output().contains('Maven runs quietly (-q)') && quiet.output().contains('-Daegir.yes=true') : quiet
assert !quiet.output().contains(question) : quiet
ItSupport.assertHomeUnchangedSince(basedir, 'setup', 'Quiet')

// 4. "y": the upgrade runs, and drush is given -y instead of asking a second time half-way through.
def yes = maven('yes.log', 'y\n').run(Duration.ofMinutes(5))
assert yes.succeeded() : yes
def out = yes.output()
assert out.indexOf(question) >= 0 && out.indexOf(question) < out.indexOf('Staged ') : 'asked after a change'
assert out.indexOf(question) < out.indexOf('Saved the crontab') : 'asked after a change'
assert out.contains('Confirmed: going on with the upgrade of') : yes
assert out.count(question) == 1 : 'asked more than once'
assert yes.linesContaining('hostmaster-migrate aegir.example.com').any { it.contains(' -y') } : yes
assert Files.readString(sandbox.drushDir().resolve('drush.info')).contains('drush_version=4.4')
assert Files.isRegularFile(sandbox.siteDir(sandbox.newPlatform()).resolve('settings.php'))
ItSupport.finish(basedir)
return true
