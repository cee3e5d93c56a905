import groovy.json.JsonSlurper

// build.log holds the eight builds of invoker.properties, one after the other
String[] builds = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./)
assert builds.length == 9 : "8 builds in build.log, not ${builds.length - 1}"
File baseline = new File(basedir, 'src/test/tempguard-baseline.json')
String test = 'shop.LeakyTests#'

// 1. three new leaks fail their tests; the allowed one does not
assert builds[1].contains('Tests run: 5, Failures: 3')
assert builds[1].contains('verdict: 4 leaks in 4 tests (4 untracked): 3 new, 1 allowed, 0 known')

// 2. the baseline is written from the report: sorted, one entry per line, keyed by test and site
assert builds[2].contains("tempguard wrote the baseline ${baseline.canonicalPath} from ")
assert builds[2].contains(': 3 entries (3 added, 0 removed: no longer seen)')
assert builds[2].contains("  + ${test}exportsOrders[1] site=shop.Exporter.export")

// 3. green, the summary says 3 known
assert builds[3].contains('Tests run: 5, Failures: 0')
assert builds[3].contains('verdict: 4 leaks in 4 tests (4 untracked): 0 new, 1 allowed, 3 known')
assert builds[3].contains('BUILD SUCCESS')

// 4. a fourth leak fails the build, naming only the new one
assert builds[4].contains('Tests run: 5, Failures: 1')
assert builds[4].contains("tempguard: ${test}archivesOrders[1] leaked 1 temporary path:")
assert !(builds[4] =~ /tempguard: shop\.LeakyTests#(exportsOrders|uploadsAFile|rendersAnInvoice|loadsTheFonts)\[1\] leaked/)
assert builds[4].contains('verdict: 5 leaks in 5 tests (5 untracked): 1 new, 1 allowed, 3 known')
assert builds[4].contains('BUILD FAILURE')

// 5. one fixed: reported as fixed, still green
assert builds[5].contains('1 baseline entry fixed')
assert builds[5].contains('fixed: 1 baseline entry no longer seen, remove it from the baseline')
assert builds[5].contains("${test}rendersAnInvoice[1] site=shop.Exporter.render")
assert builds[5].contains('BUILD SUCCESS')

// 6. strict: the class fails, naming the entry
assert builds[6].contains("knows 1 leak of shop.LeakyTests that no longer happens:")
assert builds[6].contains('tempguard.baseline.strict=true fails the class until the baseline is updated')
assert builds[6].contains('BUILD FAILURE')

// 7. the baseline shrinks
assert builds[7].contains(': 2 entries (0 added, 1 removed: no longer seen)')
assert builds[7].contains("  - ${test}rendersAnInvoice[1] site=shop.Exporter.render")
assert baseline.text == """{
  "version" : 1,
  "entries" : [
    { "test" : "${test}exportsOrders[1]", "site" : "shop.Exporter.export" },
    { "test" : "${test}uploadsAFile[1]", "site" : "shop.Exporter.upload" }
  ]
}
"""

// 8. strict and green again
assert builds[8].contains('Tests run: 5, Failures: 0, Errors: 0')
assert builds[8].contains('0 new, 1 allowed, 2 known')
assert builds[8].contains('BUILD SUCCESS')
def report = new JsonSlurper().parse(new File(basedir, 'target/tempguard/report.json'))
assert report.findings.known == 2 && report.findings.allowed == 1 && report.findings.newLeaks == 0 && report.findings.fixed == 0
return true
