// Nothing listens on 127.0.0.1:1: the release-history service is down.
def mvn = new File(basedir, '.mvn')
mvn.mkdirs()
new File(mvn, 'maven.config').text = "-Daegir.updateUrl=http://127.0.0.1:1/release-history\n" +
        "-Daegir.cacheDirectory=${new File(basedir, 'aegir-cache')}\n"
return true
