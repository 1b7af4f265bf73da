import io.github.aegirmaven.aegir.harness.PlatformFixtures

PlatformFixtures.prepare(basedir, [modes: ['views-6.x-2.16.tar.gz': 'CORRUPT']])
return true
