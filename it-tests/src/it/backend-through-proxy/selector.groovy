// Needs root, the aegir user, su, crontab and php: skipped elsewhere, saying why.
return io.github.aegirmaven.aegir.harness.ItSupport.rootWithAegirUser(basedir)
