package dev.tempguard.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tempguard.internal.cleanup.InjectedFaults;

/**
 * A fault that makes deleting behave as on Windows, where a file that a process holds
 * open, or a directory it watches, cannot be deleted. Before each deletion it looks, on
 * Linux, at what this JVM really holds: its open files ({@code /proc/self/fd}) and its
 * inotify watches ({@code /proc/self/fdinfo}, by inode). Check {@link #isAvailable()}
 * first.
 */
public final class WindowsLikeDeletion implements InjectedFaults.Fault {

	private static final Path FDS = Path.of("/proc/self/fd");

	private static final Path FD_INFO = Path.of("/proc/self/fdinfo");

	private final List<Path> refused = new CopyOnWriteArrayList<>();

	/** Whether this system shows a process's open files and watches. */
	public static boolean isAvailable() {
		return Files.isDirectory(FDS) && Files.isDirectory(FD_INFO);
	}

	@Override
	public void before(String operation, Path path) throws IOException {
		if (operation.equals("delete") && (isOpen(path) || isWatched(path))) {
			this.refused.add(path);
			throw new FileSystemException(path.toString(), null,
					"The process cannot access the file because it is being used by another process");
		}
	}

	/** What this fault refused to delete. */
	public List<Path> refused() {
		return List.copyOf(this.refused);
	}

	/** Whether this JVM holds {@code path} open. */
	public static boolean isOpen(Path path) throws IOException {
		FileKey key = FileKey.of(path);
		if (key == null) {
			return false;
		}
		try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(FDS)) {
			for (Path descriptor : descriptors) {
				// follows the descriptor's link to what it has open
				if (key.equals(FileKey.ofOpen(descriptor))) {
					return true;
				}
			}
		}
		return false;
	}

	/** Whether an inotify instance of this JVM watches {@code path}. */
	public static boolean isWatched(Path path) throws IOException {
		FileKey key = FileKey.of(path);
		if (key == null) {
			return false;
		}
		try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(FD_INFO)) {
			for (Path descriptor : descriptors) {
				List<String> lines;
				try {
					lines = Files.readAllLines(descriptor);
				}
				catch (IOException ex) {
					continue; // closed meanwhile
				}
				for (String line : lines) {
					// inotify wd:1 ino:21208c sdev:fe00000 mask:100 ...
					if (line.startsWith("inotify ") && key.inode() == hex(line, " ino:")
							&& key.device() == userDevice(hex(line, " sdev:"))) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private static long hex(String line, String field) {
		int start = line.indexOf(field) + field.length();
		int end = line.indexOf(' ', start);
		return Long.parseLong(line.substring(start, (end < 0) ? line.length() : end), 16);
	}

	// the kernel's device number (major << 20 | minor) as stat(2) gives it
	private static long userDevice(long kernelDevice) {
		long major = kernelDevice >>> 20;
		long minor = kernelDevice & 0xfffff;
		return ((major & 0xfff) << 8) | (minor & 0xff) | ((minor & ~0xffL) << 12) | ((major & ~0xfffL) << 32);
	}

	/** What identifies a file whatever its name: its device and inode. */
	private record FileKey(long device, long inode) {

		static FileKey of(Path path) throws IOException {
			try {
				return new FileKey((Long) Files.getAttribute(path, "unix:dev", LinkOption.NOFOLLOW_LINKS),
						(Long) Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS));
			}
			catch (NoSuchFileException ex) {
				return null;
			}
		}

		static FileKey ofOpen(Path descriptor) {
			try {
				return new FileKey((Long) Files.getAttribute(descriptor, "unix:dev"),
						(Long) Files.getAttribute(descriptor, "unix:ino"));
			}
			catch (IOException | RuntimeException ex) {
				return null; // closed meanwhile, or not a file (a socket, a pipe)
			}
		}

	}

}
