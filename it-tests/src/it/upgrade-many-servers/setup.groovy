import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Sandbox
import java.nio.file.Files
import java.nio.file.Path

// Server one is the IT's usual home; server two a second home beside it, holding the same old release.
def context = ItSupport.prepare(basedir, harnessBuildDirectory)
def one = context.home.toPath()
def two = one.resolveSibling(one.fileName.toString() + '-two')
Sandbox.delete(two)
Sandbox.create(two, new File(harnessBuildDirectory, 'releases').toPath(), Optional.ofNullable(context.owner))
// Each server its own lock file (the same pins here, so the same sums).
def locks = basedir.toPath().resolve('locks')
Files.createDirectories(locks)
['server-one', 'server-two'].each { Files.copy(context.lockFile.toPath(), locks.resolve("${it}.lock")) }
// The homes come from the profiles: maven.config keeps the release server and cache, and names both homes.
def config = basedir.toPath().resolve('.mvn/maven.config')
def kept = Files.readAllLines(config).findAll { !it.startsWith('-Daegir.home=') && !it.startsWith('-Daegir.lockFile=') }
Files.write(config, kept + ["-Dit.home.one=${one}".toString(), "-Dit.home.two=${two}".toString()])
ItSupport.saveSnapshot(basedir, 'setup')
return true
