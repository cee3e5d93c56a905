package dev.tempguard.internal.leak;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Tells which entries appeared in the watched directories since it was last asked. It is
 * asked on the thread that opens or closes a test context, under the leak detector's
 * lock, so that an entry is attributed to the contexts that were open when it appeared,
 * without waiting for another thread.
 */
interface EntrySource extends AutoCloseable {

	/**
	 * Watches the direct entries of {@code directory} from now on; one that does not
	 * exist yet is watched from when it appears, all its entries then counting as new.
	 * @param directory an absolute, normalized directory
	 */
	void watch(Path directory);

	/**
	 * Hands each entry that appeared since the previous call to {@code created}, and each
	 * that was removed (deleted, or renamed away) to {@code removed}, in the order it
	 * happened; an entry may be handed again when it was made again. A source that cannot
	 * tell removals cheaply never calls {@code removed}: it is only a hint that saves a
	 * {@code stat}.
	 * @param created receives absolute paths
	 * @param removed receives absolute paths
	 */
	void drain(Consumer<Path> created, Consumer<Path> removed);

	/** What appeared since the previous call, ignoring removals. */
	default void drain(Consumer<Path> created) {
		drain(created, (entry) -> {
		});
	}

	/**
	 * How it finds entries, for the docs and the log: {@code inotify} (saying how many
	 * directories it reads by snapshots because inotify could not watch them), or
	 * {@code snapshot}.
	 */
	String name();

	@Override
	void close();

}
