// The one selector of every IT (invoker's selectorScript): it runs where this machine has what the IT's
// invoker.properties lists under aegir.it.requires, and is skipped elsewhere, saying why (it-tests/README.md).
return io.github.aegirmaven.aegir.harness.ItSupport.selected(basedir)
