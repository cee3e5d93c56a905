package dev.tempguard.agent;

import java.io.File;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;

import net.bytebuddy.asm.Advice;

import dev.tempguard.agent.boot.Dispatcher;

/**
 * The advice inlined into the JDK's file APIs. Inlined into {@code java.base}, it may
 * reference only what the bootstrap loader sees: the JDK and the {@link Dispatcher}. It
 * only forwards; whatever it throws itself is suppressed, so the JDK call does, returns
 * and throws what it would without it. {@link Kind} and {@link Directory} are bound per
 * method to constants.
 */
final class Advices {

	private Advices() {
	}

	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.PARAMETER)
	@interface Kind {

	}

	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.PARAMETER)
	@interface Directory {

	}

	/**
	 * {@code Files.createTempFile}, {@code Files.createTempDirectory},
	 * {@code File.createTempFile}.
	 */
	static final class Temp {

		@Advice.OnMethodEnter(suppress = Throwable.class)
		static Object enter() {
			return Dispatcher.enterTemp();
		}

		@Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
		static void exit(@Advice.Enter Object token, @Advice.Return Object result, @Advice.Thrown Throwable thrown,
				@Directory boolean directory, @Kind int kind) {
			Dispatcher.exitTemp(token, result, thrown, directory, kind);
		}

	}

	/** {@code Files.createFile}, {@code Files.createDirectory}. */
	static final class New {

		@Advice.OnMethodEnter(suppress = Throwable.class)
		static Object enter(@Advice.Argument(0) Path path) {
			return Dispatcher.enterNew(path);
		}

		@Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
		static void exit(@Advice.Enter Object token, @Advice.Thrown Throwable thrown, @Directory boolean directory,
				@Kind int kind) {
			Dispatcher.exitPath(token, thrown, directory, kind);
		}

	}

	/**
	 * {@code Files.newByteChannel(Path, Set, ...)},
	 * {@code FileChannel.open(Path, Set, ...)}.
	 */
	static final class OptionSet {

		@Advice.OnMethodEnter(suppress = Throwable.class)
		static Object enter(@Advice.Argument(0) Path path, @Advice.Argument(1) Set<?> options) {
			return Dispatcher.enterOptions(path, options);
		}

		@Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
		static void exit(@Advice.Enter Object token, @Advice.Thrown Throwable thrown, @Directory boolean directory,
				@Kind int kind) {
			Dispatcher.exitPath(token, thrown, directory, kind);
		}

	}

	/** {@code Files.newOutputStream(Path, OpenOption...)}. */
	static final class OptionArray {

		@Advice.OnMethodEnter(suppress = Throwable.class)
		static Object enter(@Advice.Argument(0) Path path, @Advice.Argument(1) OpenOption[] options) {
			return Dispatcher.enterOpenOptions(path, options);
		}

		@Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
		static void exit(@Advice.Enter Object token, @Advice.Thrown Throwable thrown, @Directory boolean directory,
				@Kind int kind) {
			Dispatcher.exitPath(token, thrown, directory, kind);
		}

	}

	/**
	 * {@code FileOutputStream(File, boolean)}, which its other constructors call. A
	 * constructor's exit advice runs on success only.
	 */
	static final class OutputStream {

		@Advice.OnMethodEnter(suppress = Throwable.class)
		static Object enter(@Advice.Argument(0) File file) {
			return Dispatcher.enterFile(file, null);
		}

		@Advice.OnMethodExit(suppress = Throwable.class)
		static void exit(@Advice.Enter Object token, @Kind int kind) {
			Dispatcher.exitFile(token, kind);
		}

	}

	/** The {@code RandomAccessFile} constructor that opens the file. */
	static final class RandomAccess {

		@Advice.OnMethodEnter(suppress = Throwable.class)
		static Object enter(@Advice.Argument(0) File file, @Advice.Argument(1) String mode) {
			return Dispatcher.enterFile(file, mode);
		}

		@Advice.OnMethodExit(suppress = Throwable.class)
		static void exit(@Advice.Enter Object token, @Kind int kind) {
			Dispatcher.exitFile(token, kind);
		}

	}

	/** {@code File.mkdir}, {@code File.createNewFile}: {@code true} means a new entry. */
	static final class Created {

		@Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
		static void exit(@Advice.This File file, @Advice.Return boolean created, @Directory boolean directory,
				@Kind int kind) {
			Dispatcher.exitCreated(file, created, directory, kind);
		}

	}

}
