import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.FileTime
import java.time.Duration
import java.time.Instant

// root-dir: a run directory of a killed run (3 days old), one of a run that started an hour ago, and the user's own
// file and folder, 400 days old
Path root = basedir.toPath().resolve('root')

def run = { String name, Duration age ->
    Path directory = Files.createDirectories(root.resolve(name))
    Files.writeString(directory.resolve('tempguard.lock'), "pid=4242\nstart=${Instant.now().minus(age)}\n")
    Files.writeString(directory.resolve('tg-1.csv'), 'id,amount\n1,2\n')
}
run('run-4242-20260101T000000-1a2b', Duration.ofDays(3))
run('run-4343-20260101T000000-3c4d', Duration.ofHours(1))

Path notes = Files.writeString(root.resolve('notes.txt'), 'mine')
Path photos = Files.createDirectories(root.resolve('photos'))
Path photo = Files.writeString(photos.resolve('beach.jpg'), 'jpeg')
FileTime longAgo = FileTime.from(Instant.now().minus(Duration.ofDays(400)))
[notes, photo, photos].each { Files.setLastModifiedTime(it, longAgo) }
return true
