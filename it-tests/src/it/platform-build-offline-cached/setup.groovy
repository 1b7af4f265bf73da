import io.github.aegirmaven.aegir.harness.PlatformFixtures

PlatformFixtures.prepare(basedir, [properties: ['aether.offline.protocols': 'file']])
return true
