import io.github.aegirmaven.aegir.harness.PlatformFixtures

PlatformFixtures.prepare(basedir, [:])
return true
