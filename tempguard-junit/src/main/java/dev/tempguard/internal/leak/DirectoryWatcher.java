package dev.tempguard.internal.leak;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Watches the direct entries of some directories with the operating system's
 * notifications (inotify on Linux), so that what appears costs in proportion to what
 * changed, never to how much a directory holds.
 * <p>
 * {@link #sync(Runnable, boolean)} orders a transition after every change made before it:
 * it creates a marker entry, whose event the kernel queues after every earlier one, and
 * the transition runs when that event is read (the watcher then deletes the marker).
 */
final class DirectoryWatcher {

	static final String MARKER_PREFIX = ".tempguard-sync-";

	private static final Log logger = LogFactory.getLog(DirectoryWatcher.class);

	private static final long SYNC_TIMEOUT_MILLIS = 2000;

	private final Listener listener;

	private final Map<WatchKey, Path> directories = new ConcurrentHashMap<>();

	private final Map<String, Marker> markers = new ConcurrentHashMap<>();

	private final AtomicLong markerCount = new AtomicLong();

	private final WatchService service;

	private volatile @Nullable Path markerDirectory;

	DirectoryWatcher(Listener listener) throws IOException {
		this.listener = listener;
		this.service = FileSystems.getDefault().newWatchService();
		Thread thread = new Thread(this::run, "tempguard-watcher");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Starts watching {@code directory}; a directory that does not exist is skipped with
	 * a warning.
	 */
	synchronized void watch(Path directory) {
		if (this.directories.containsValue(directory)) {
			return;
		}
		try {
			// creations only: what was deleted again is found gone when a scope is
			// checked, at no cost per event
			WatchKey key = directory.register(this.service, StandardWatchEventKinds.ENTRY_CREATE);
			this.directories.put(key, directory);
			if (this.markerDirectory == null && Files.isWritable(directory)) {
				this.markerDirectory = directory;
			}
		}
		catch (IOException ex) {
			logger.warn("tempguard cannot watch " + directory + " for leaked files (tempguard.leak-detection"
					+ ".watch-dirs): " + ex);
		}
	}

	/**
	 * Makes sync markers in {@code directory}, a small directory of tempguard's own,
	 * instead of a watched one: every watch shares one event queue, so the order holds,
	 * and a crowded directory costs nothing more.
	 */
	synchronized void useMarkerDirectory(Path directory) {
		watch(directory);
		this.markerDirectory = directory;
	}

	/**
	 * Orders {@code transition} after every change made in the watched directories before
	 * this call: it runs on the watcher's thread once those were handed to the listener,
	 * before any later change is, so that a change is attributed as things stood when it
	 * was made, however late it is read.
	 * @param wait whether to return only once the transition ran (a check that needs
	 * every earlier change), rather than as soon as it is ordered (one file created)
	 */
	void sync(Runnable transition, boolean wait) {
		Path directory = this.markerDirectory;
		if (directory == null) {
			transition.run();
			return;
		}
		long number = this.markerCount.incrementAndGet();
		String name = MARKER_PREFIX + ProcessHandle.current().pid() + "-" + number;
		Marker marker = new Marker(number, directory.resolve(name), transition, new CountDownLatch(1));
		this.markers.put(name, marker);
		try {
			Files.createFile(marker.file());
		}
		catch (IOException ex) {
			logger.debug("tempguard could not sync with the watched directories", ex);
			applyUnseen(name, marker);
			return;
		}
		if (!wait) {
			return;
		}
		try {
			if (!marker.seen().await(SYNC_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
				logger.warn("tempguard saw no event for " + marker.file() + " within " + SYNC_TIMEOUT_MILLIS
						+ " ms: leak detection may attribute late entries to a wider context");
				applyUnseen(name, marker);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			applyUnseen(name, marker);
		}
	}

	/**
	 * Stops watching: the kernel's watches go with the watch service (on Windows, so do
	 * the handles that keep a watched directory from being deleted), and its thread ends.
	 * Transitions still waiting for their marker run now, in order.
	 */
	void close() {
		try {
			this.service.close();
		}
		catch (IOException ex) {
			logger.debug("tempguard could not close its watch service", ex);
		}
		this.markers.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByValue(Comparator.comparingLong(Marker::number)))
			.filter((entry) -> this.markers.remove(entry.getKey(), entry.getValue()))
			.forEach((entry) -> apply(entry.getValue()));
	}

	// A marker that will not be seen in time: its transition still happens, late.
	private void applyUnseen(String name, Marker marker) {
		if (this.markers.remove(name, marker)) {
			marker.transition().run();
		}
	}

	private void run() {
		while (true) {
			WatchKey key;
			try {
				key = this.service.take();
			}
			catch (InterruptedException | ClosedWatchServiceException ex) {
				return;
			}
			List<Marker> markersSeen = new ArrayList<>();
			process(key, markersSeen);
			// a key being processed is queued again behind the marker's: drain every
			// queued key before the marker counts as seen, so that each change made
			// before it was handed over
			for (WatchKey queued = this.service.poll(); queued != null; queued = this.service.poll()) {
				process(queued, markersSeen);
			}
			// in the order they were made: drained keys may hold an earlier one after a
			// later one
			markersSeen.sort(Comparator.comparingLong(Marker::number));
			for (Marker marker : markersSeen) {
				apply(marker);
			}
		}
	}

	private void process(WatchKey key, List<Marker> markersSeen) {
		Path directory = this.directories.get(key);
		for (WatchEvent<?> event : key.pollEvents()) {
			if (directory == null) {
				continue;
			}
			if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
				this.listener.overflow(directory);
				// markers may be among the lost events: apply the pending ones, in their
				// order
				this.markers.entrySet()
					.stream()
					.sorted(Map.Entry.comparingByValue(Comparator.comparingLong(Marker::number)))
					.filter((entry) -> this.markers.remove(entry.getKey(), entry.getValue()))
					.forEach((entry) -> markersSeen.add(entry.getValue()));
				continue;
			}
			Path name = (Path) event.context();
			Marker marker = this.markers.remove(name.toString());
			if (marker != null) {
				markersSeen.add(marker);
			}
			else if (!name.toString().startsWith(MARKER_PREFIX)) {
				dispatch(event, directory.resolve(name));
			}
		}
		key.reset();
	}

	private void apply(Marker marker) {
		marker.transition().run();
		marker.seen().countDown();
		try {
			Files.deleteIfExists(marker.file());
		}
		catch (IOException ex) {
			logger.debug("tempguard could not delete its marker " + marker.file(), ex);
		}
	}

	private void dispatch(WatchEvent<?> event, Path entry) {
		try {
			this.listener.created(entry);
		}
		catch (RuntimeException ex) {
			logger.warn("tempguard could not record " + entry, ex);
		}
	}

	private record Marker(long number, Path file, Runnable transition, CountDownLatch seen) {

	}

	/**
	 * Told of each entry created, on the watcher's thread, in the order the kernel
	 * reported them.
	 */
	interface Listener {

		void created(Path entry);

		/** Changes in {@code directory} were lost: the kernel's queue overflowed. */
		void overflow(Path directory);

	}

}
