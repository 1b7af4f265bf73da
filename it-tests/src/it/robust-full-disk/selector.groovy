import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Processes
import java.time.Duration

// Needs root, the aegir user, su, crontab and php, and permission to mount a small tmpfs: skipped elsewhere, saying why.
if (!ItSupport.rootWithAegirUser(basedir)) {
    return false
}
def probe = new File('/tmp/aegir-it/robust-full-disk-probe')
probe.mkdirs()
def mount = Processes.run(['mount', '-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe.path], null, null, null, Duration.ofSeconds(30))
if (mount.exitCode() != 0) {
    println "[it-harness] ${basedir.name} skipped: cannot mount a small tmpfs here (mount said: ${mount.output().trim()});" +
            ' the full-disk case needs a file system that can really fill up'
    probe.delete()
    return false
}
Processes.check(['umount', probe.path])
probe.delete()
return true
