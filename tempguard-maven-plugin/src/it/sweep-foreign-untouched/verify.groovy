File root = new File(basedir, 'root')
String log = new File(basedir, 'build.log').text

// the dry run listed what the sweep then did
assert log =~ /run-4242-20260101T000000-1a2b\s+would delete/
assert log.contains('1 orphan would be deleted')
// the sweep: the killed run's directory is gone, the young one kept, the user's entries untouched and listed
assert !new File(root, 'run-4242-20260101T000000-1a2b').exists()
assert new File(root, 'run-4343-20260101T000000-3c4d/tg-1.csv').isFile()
assert log =~ /run-4343-20260101T000000-3c4d\s+kept: younger than max-age/
assert new File(root, 'notes.txt').text == 'mine'
assert new File(root, 'photos/beach.jpg').text == 'jpeg'
assert log =~ /4 B in 1 file\s+\S*notes\.txt\s+foreign, not touched/
assert log =~ /not measured\s+\S*photos\s+foreign, not touched/
assert log.contains('1 orphan deleted (')
assert log.contains('2 foreign entries not touched; 0 failed')
return true
