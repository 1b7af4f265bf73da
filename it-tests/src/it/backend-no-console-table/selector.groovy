// Acts on a home owned by the aegir user and asks the PHP as aegir: needs root, the aegir user, su,
// crontab and php, and a php without PEAR's Console_Table (skipped elsewhere, saying why).
def why = io.github.aegirmaven.aegir.harness.Host.whyPhpHasConsoleTable()
if (why.isPresent()) {
    println "[it-harness] ${basedir.name} skipped: ${why.get()}"
    return false
}
return io.github.aegirmaven.aegir.harness.ItSupport.rootWithAegirUser(basedir)
