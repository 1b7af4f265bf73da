// Acts on a home owned by the aegir user and runs drush as aegir: needs root, the aegir user, su,
// crontab and php (skipped elsewhere, saying why).
return io.github.aegirmaven.aegir.harness.ItSupport.rootWithAegirUser(basedir)
