import io.github.aegirmaven.aegir.harness.ItSupport

// Offline, Maven may still resolve the plugin from the IT's file: repository (not from the network).
ItSupport.prepare(basedir, harnessBuildDirectory, [properties: ['aether.offline.protocols': 'file']])
ItSupport.saveSnapshot(basedir, 'setup')
return true
