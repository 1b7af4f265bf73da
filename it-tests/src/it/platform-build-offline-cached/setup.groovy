import io.github.aegirmaven.aegir.harness.PlatformFixtures

PlatformFixtures.prepare(basedir, [properties: ['aether.offline.protocols': 'file',
        // the pom sets platformDir (two directories, by -Dit.suffix): no -Daegir.platformDir to disagree with it
        'aegir.platformDir': null]])
return true
