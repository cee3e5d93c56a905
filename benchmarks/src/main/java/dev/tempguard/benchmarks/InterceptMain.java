package dev.tempguard.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.bytebuddy.agent.ByteBuddyAgent;

import dev.tempguard.agent.Interception;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.runtime.TestLifecycle;
import dev.tempguard.internal.settings.TempGuardSettings;

/**
 * Runs in a child JVM with tempguard's agent (given with {@code -javaagent}, or attached
 * by itself) and its runtime configured as a test run configures it (leak detection on,
 * watching java.io.tmpdir): times {@code Files.createTempFile(prefix, suffix)} in
 * java.io.tmpdir, called at a given stack depth from inside a test context, with the
 * interception and without it. Without it means the JDK's own classes: a transformer of
 * the benchmark's, registered after tempguard's, gives the JDK's original bytes back when
 * the classes are retransformed, so the same JVM alternates between the plain JDK call
 * and the intercepted one, in blocks of about {@code blockMillis} of this thread's CPU
 * time. Prints per block the CPU nanoseconds per call of this thread
 * ({@code PLAIN=}/{@code AGENT=} lines, one per round), and {@code DEPTH=}, the stack
 * depth at the call.
 * <p>
 * Arguments: rounds, block milliseconds, stack depth (the number of frames on the calling
 * thread's stack at the call, about).
 */
public final class InterceptMain {

	private static final int BATCH = 20;

	private static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private static int depthAtCall;

	private InterceptMain() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = Integer.parseInt(args[0]);
		long blockNanos = Long.parseLong(args[1]) * 1_000_000;
		// frames to add so that the calling frame is at about the depth asked
		int depth = Math.max(0, Integer.parseInt(args[2]) - Thread.currentThread().getStackTrace().length);
		TempGuardRuntime runtime = TempGuardRuntime.get();
		runtime.configure(() -> TempGuardSettings.from(System::getProperty));
		Interception.start(runtime, true);
		if (!agentListens()) {
			throw new IllegalStateException("tempguard's agent did not attach");
		}
		Instrumentation instrumentation = ByteBuddyAgent.getInstrumentation();
		Plain plain = new Plain();
		instrumentation.addTransformer(plain, true);
		try (TestContexts contexts = new TestContexts(runtime, InterceptMain.class)) {
			Path directory = Path.of(System.getProperty("java.io.tmpdir"));
			// warm-up of both
			for (boolean intercepted : new boolean[] { false, true }) {
				plain.set(instrumentation, !intercepted);
				block(contexts, depth, 3 * blockNanos);
			}
			for (int round = 0; round < rounds; round++) {
				for (int i = 0; i < 2; i++) {
					boolean intercepted = (round + i) % 2 == 1;
					plain.set(instrumentation, !intercepted);
					// compiled again after the retransformation: not timed
					block(contexts, depth, blockNanos / 2);
					double nanosPerCall = block(contexts, depth, blockNanos);
					System.out.println((intercepted ? "AGENT=" : "PLAIN=") + nanosPerCall);
				}
			}
			try (var left = Files.list(directory)) {
				System.out.println(
						"LEFT=" + left.filter((path) -> path.getFileName().toString().startsWith("bench-")).count());
			}
		}
		System.out.println("DEPTH=" + depthAtCall);
		System.out.println("FILE_SYSTEM=" + Files.getFileStore(Path.of(System.getProperty("java.io.tmpdir"))).type());
	}

	private static boolean agentListens() throws ReflectiveOperationException {
		Class<?> dispatcher = Class.forName("dev.tempguard.agent.boot.Dispatcher", false, null);
		return dispatcher.getField("listener").get(null) != null;
	}

	// calls createTempFile for at least cpuNanos of this thread's CPU time, and returns
	// the CPU nanoseconds per call
	private static double block(TestContexts contexts, int depth, long cpuNanos) throws IOException {
		long spent = 0;
		long calls = 0;
		int invocation = 0;
		List<Path> made = new ArrayList<>(BATCH);
		while (spent < cpuNanos) {
			TestLifecycle.Opened test = contexts.open("createsTempFiles", ++invocation);
			spent += atDepth(depth, made);
			calls += made.size();
			for (Path path : made) {
				Files.delete(path);
			}
			made.clear();
			contexts.finish(test);
		}
		return spent / (double) calls;
	}

	// BATCH calls at the given depth, timed by this thread's CPU clock
	private static long atDepth(int depth, List<Path> made) throws IOException {
		if (depth > 0) {
			return atDepth(depth - 1, made);
		}
		depthAtCall = Thread.currentThread().getStackTrace().length - 1;
		long start = threads.getCurrentThreadCpuTime();
		for (int i = 0; i < BATCH; i++) {
			made.add(Files.createTempFile("bench-", ".tmp"));
		}
		return threads.getCurrentThreadCpuTime() - start;
	}

	/**
	 * Gives back the JDK's original bytes of the classes tempguard's agent changes, while
	 * set to; registered after tempguard's transformer, so it has the last word.
	 */
	private static final class Plain implements ClassFileTransformer {

		private static final List<Class<?>> TARGETS = List.of(Files.class, java.nio.channels.FileChannel.class,
				java.io.File.class, java.io.FileOutputStream.class, java.io.RandomAccessFile.class);

		private final Map<String, byte[]> original = new HashMap<>();

		private volatile boolean active;

		Plain() throws IOException {
			for (Class<?> target : TARGETS) {
				String resource = target.getName().replace('.', '/') + ".class";
				try (InputStream bytes = Object.class.getModule().getResourceAsStream(resource)) {
					if (bytes == null) {
						throw new IllegalStateException("no class file for " + target);
					}
					this.original.put(target.getName().replace('.', '/'), bytes.readAllBytes());
				}
			}
		}

		void set(Instrumentation instrumentation, boolean plain) throws UnmodifiableClassException {
			this.active = plain;
			instrumentation.retransformClasses(TARGETS.toArray(new Class<?>[0]));
		}

		@Override
		public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
				ProtectionDomain protectionDomain, byte[] buffer) {
			return this.active ? this.original.get(className) : null;
		}

	}

}
