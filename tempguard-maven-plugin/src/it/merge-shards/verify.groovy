import groovy.json.JsonSlurper

String log = new File(basedir, 'build.log').text
File merged = new File(basedir, 'target/tempguard-merged')

// each shard wrote its own report
['shard-a', 'shard-b'].each { assert new File(basedir, "${it}/target/tempguard/report.json").isFile() }
// one report of both: two forks, their tests and totals added up
def report = new JsonSlurper().parse(new File(merged, 'report.json'))
assert report.forks.size() == 2
assert report.totals.testsGuarded == 2
assert report.totals.created == 3
assert report.totals.deleted == 3
assert report.tests.findAll { it.kind == 'method' }*.testClass.toSet() == ['shop.export.ExportTests', 'shop.upload.UploadTests'] as Set
assert new File(merged, 'index.html').text.contains('2 forks')
assert log.contains('tempguard merged 2 reports (2 forks) into ' + merged.canonicalPath)
assert log.contains('[tempguard] 2 tests guarded: 3 temporary paths created, 3 deleted, 0 leaked')
return true
