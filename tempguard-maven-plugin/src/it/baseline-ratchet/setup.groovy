// the tests' java.io.tmpdir, which leak detection watches
assert new File(basedir, 'target/tmp').mkdirs()
return true
