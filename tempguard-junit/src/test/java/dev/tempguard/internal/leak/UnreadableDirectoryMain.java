package dev.tempguard.internal.leak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import dev.tempguard.testing.RecordingLog;

/**
 * Run by {@link UnwatchableDirectoryTests} as an unprivileged user, to whom permissions
 * apply: watches a directory of the user's that it may not read (its first argument,
 * holding an entry already), with inotify, whose {@code inotify_add_watch} then fails
 * with {@code EACCES}, and by snapshots. Prints what the drains tell while it may not
 * read the directory, once it may, and after a new entry, then the warnings.
 */
public final class UnreadableDirectoryMain {

	private UnreadableDirectoryMain() {
	}

	public static void main(String[] args) throws IOException {
		Path directory = Path.of(args[0]);
		RecordingLog log = new RecordingLog();
		watch("inotify", InotifySource.open(InotifySource.AddWatch.NATIVE, log), directory);
		watch("snapshot", new SnapshotSource(), directory);
		System.out.println("warnings=" + log.warnings().size() + ": " + String.join(" | ", log.warnings()));
	}

	private static void watch(String name, EntrySource source, Path directory) throws IOException {
		chmod(directory, "-wx------");
		try (source) {
			source.watch(directory);
			List<String> unreadable = new ArrayList<>();
			for (int drain = 0; drain < 10; drain++) {
				unreadable.addAll(drain(source));
			}
			chmod(directory, "rwx------");
			List<String> readable = drain(source);
			Files.createFile(directory.resolve("new-" + name));
			System.out
				.println(name + ": unreadable=" + unreadable + " readable=" + readable + " made=" + drain(source));
		}
	}

	private static List<String> drain(EntrySource source) {
		List<String> names = new ArrayList<>();
		source.drain((entry) -> names.add(String.valueOf(entry.getFileName())));
		return names;
	}

	private static void chmod(Path path, String permissions) throws IOException {
		Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
	}

}
