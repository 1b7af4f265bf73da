// Needs root (the sandbox then runs drush as its own system user aegir-sandbox, never as a real user), su,
// crontab and php: skipped elsewhere, saying why.
return io.github.aegirmaven.aegir.harness.ItSupport.rootWithAegirUser(basedir)
