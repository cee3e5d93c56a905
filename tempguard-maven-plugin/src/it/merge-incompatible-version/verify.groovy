String log = new File(basedir, 'build.log').text
String reports = new File(basedir, 'reports').canonicalPath

assert log.contains("tempguard.merge.inputs: ${reports}/macos/report.json is a tempguard report of format version 99,"
        + ' and this tempguard reads versions 1 to ')
assert log.contains("tempguard.merge.inputs: the folder ${reports}/linux holds no report.json")
assert !new File(basedir, 'target/tempguard-merged').exists()
return true
