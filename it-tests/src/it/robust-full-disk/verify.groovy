import io.github.aegirmaven.aegir.harness.BadInputs
import io.github.aegirmaven.aegir.harness.Host
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.MavenRun
import io.github.aegirmaven.aegir.harness.Processes
import io.github.aegirmaven.aegir.harness.Sandbox
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

// The home lives on a 24 MiB tmpfs; drush_make's release unpacks to 64 MiB (a
// sum-pinned archive of zeros, under the plugin's size limits and past its free-space estimate), so the disk fills
// up while the third release is extracted. The build must fail saying the disk is full, and change nothing.
def goal = "io.github.aegirmaven:aegir-maven-plugin:${pluginVersion}:upgrade".toString()
def releases = new File(harnessBuildDirectory, 'releases').toPath()
def fs = Path.of('/tmp/aegir-it/robust-full-disk-fs')
Files.createDirectories(fs)
Processes.check(['mount', '-t', 'tmpfs', '-o', 'size=24m,mode=0755', 'tmpfs', fs.toString()])
try {
    def home = fs.resolve('aegir')
    def sandbox = Sandbox.create(home, releases, Optional.of('aegir'))
    def scratch = basedir.toPath().resolve('full-disk-releases')
    Sandbox.delete(scratch)
    def url = BadInputs.hostileReleases(releases, scratch, ['drush_make-6.x-2.2.tar.gz': 'BOMB'], 64L << 20)
    def before = Sandbox.snapshot(home)
    def freeBefore = Files.getFileStore(home).getUsableSpace()
    def result = MavenRun.forIt(basedir.toPath(), new File(itSettingsFile).toPath(), localRepositoryPath.toPath(),
            new File(outerLocalRepository).toPath()).goals(goal)
            .property('aegir.home', home.toString()).property('aegir.downloadUrl', url)
            .property('aegir.lockFile', scratch.resolve('aegir.lock').toString())
            .logTo(basedir.toPath().resolve('full-disk.log')).run(Duration.ofMinutes(3))
    println BadInputs.message(result)
    assert result.exitCode() != 0 : result
    def out = result.output()
    assert out.contains('No space left on device') || out.contains('disk is full') : out
    // something the administrator can fix (free space), so a build failure rather than an unexpected error
    assert out.contains('upgrade stopped because the disk is full') && out.contains('MAVEN/MojoFailureException') : out
    assert out.contains('drush_make') && out.contains(home.toString()) : out
    def changes = before.diffTo(Sandbox.snapshot(home))
    assert changes.isEmpty() : changes
    assert Files.getFileStore(home).getUsableSpace() >= freeBefore - 4096 : 'the staged files still fill the disk'
    println "Full disk: refused, nothing changed, ${freeBefore >> 20} MiB free before and after"
} finally {
    Processes.check(['umount', fs.toString()])
    Files.deleteIfExists(fs)
}
ItSupport.finish(basedir)
Sandbox.delete(ItSupport.sandbox(basedir).home())
Host.removeCrontab('aegir')
return true
