package dev.tempguard.agent;

import java.io.File;
import java.io.RandomAccessFile;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.agent.Installer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.jspecify.annotations.Nullable;

import dev.tempguard.agent.boot.Dispatcher;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * tempguard's Java agent: lets tempguard see each file and directory made through the
 * JDK's file APIs on the thread that makes it, with its call stack, so that a leak is
 * pinned on the test that made it and on the line that made it, whatever runs in
 * parallel. It changes nothing the JDK calls do, return or throw.
 * <p>
 * tempguard attaches it by itself where the JVM allows that without a warning (Java 17 to
 * 20). From Java 21 the JVM warns when an agent attaches to a running JVM, so tempguard
 * does not; add it to the test JVM instead, as Mockito documents for its own agent:
 *
 * <pre>
 * -javaagent:/path/to/tempguard-junit.jar
 * </pre>
 *
 * Given that way, it also hands its instrumentation to Byte Buddy, so that Mockito's
 * inline mock maker needs no attach of its own either.
 */
public final class TempGuardAgent {

	static final String DISPATCHER = "dev.tempguard.agent.boot.Dispatcher";

	private static volatile @Nullable Instrumentation given;

	private static @Nullable Status status;

	private TempGuardAgent() {
	}

	/**
	 * Called by the JVM for {@code -javaagent:}.
	 * @param arguments the agent's arguments, unused
	 * @param instrumentation the JVM's instrumentation
	 */
	public static void premain(@Nullable String arguments, Instrumentation instrumentation) {
		given = instrumentation;
		try {
			Installer.premain(arguments, instrumentation);
		}
		catch (LinkageError ex) {
			// Byte Buddy's agent is not on the class path: Mockito attaches its own, if
			// it needs one
		}
	}

	/**
	 * Called by the JVM when the agent is attached to it.
	 * @param arguments the agent's arguments, unused
	 * @param instrumentation the JVM's instrumentation
	 */
	public static void agentmain(@Nullable String arguments, Instrumentation instrumentation) {
		premain(arguments, instrumentation);
	}

	/**
	 * Installs the interception once per JVM and gives it {@code listener}, which
	 * receives each creation as {@code {path, Boolean directory, Integer kind, Throwable
	 * stack}} on the creating thread.
	 * @return whether it intercepts, and why not
	 */
	static synchronized Status install(Consumer<Object[]> listener) {
		if (status == null) {
			status = attach();
		}
		if (status.active()) {
			setStatic("listener", listener);
		}
		return status;
	}

	/**
	 * The directories whose direct entries are reported, and the root-dirs below which
	 * opens are.
	 */
	static void watch(Collection<Path> directories, Collection<Path> rootDirs) {
		if (status == null || !status.active()) {
			return;
		}
		setStatic("watchedDirs", directories.stream().map(Path::toString).toArray(String[]::new));
		setStatic("openWatchedDirs",
				rootDirs.stream().map((root) -> root.toString() + File.separator).toArray(String[]::new));
	}

	private static Status attach() {
		Instrumentation instrumentation = given;
		String how = "given with -javaagent";
		if (instrumentation == null) {
			instrumentation = alreadyInstalled();
			how = "Byte Buddy's agent was already attached (by Mockito, or with -javaagent)";
		}
		if (instrumentation == null) {
			AttachPolicy policy = AttachPolicy.detect();
			if (!policy.attach()) {
				return new Status(false, policy.reason());
			}
			try {
				instrumentation = ByteBuddyAgent.install();
				how = policy.reason();
			}
			catch (RuntimeException ex) {
				return new Status(false, "it could not attach: " + ex.getMessage());
			}
		}
		try {
			defineDispatcher(instrumentation);
			JdkTransformer transformer = transformer();
			transformer.install(instrumentation);
			List<String> errors = transformer.errors();
			if (!errors.isEmpty()) {
				return new Status(false, "it could not instrument the JDK: " + errors);
			}
			return new Status(true, how);
		}
		catch (Exception | LinkageError ex) {
			return new Status(false, "it could not instrument the JDK: " + ex);
		}
	}

	private static @Nullable Instrumentation alreadyInstalled() {
		try {
			return ByteBuddyAgent.getInstrumentation();
		}
		catch (IllegalStateException ex) {
			// Mockito's own agent (-javaagent:mockito-core.jar, as its docs advise from
			// Java 21)
			try {
				Class<?> mockito = Class.forName("org.mockito.internal.PremainAttach", false,
						ClassLoader.getSystemClassLoader());
				return (Instrumentation) mockito.getMethod("getInstrumentation").invoke(null);
			}
			catch (ReflectiveOperationException | RuntimeException | LinkageError notThere) {
				return null;
			}
		}
	}

	// in the bootstrap loader, where java.base sees it; defined from its bytes, so no jar
	// is written
	private static void defineDispatcher(Instrumentation instrumentation) throws ReflectiveOperationException {
		if (bootDispatcher() != null) {
			return;
		}
		Module javaBase = Object.class.getModule();
		Module own = TempGuardAgent.class.getModule();
		if (!javaBase.isExported("jdk.internal.misc", own)) {
			instrumentation.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.misc", Set.of(own)), Map.of(),
					Set.of(), Map.of());
		}
		Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
		Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
		Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
				ClassLoader.class, ProtectionDomain.class);
		byte[] bytes;
		try {
			bytes = ClassFileLocator.ForClassLoader.of(TempGuardAgent.class.getClassLoader())
				.locate(DISPATCHER)
				.resolve();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("tempguard's dispatcher is not in its jar", ex);
		}
		define.invoke(unsafe, DISPATCHER, bytes, 0, bytes.length, null, null);
		// initialized now, not inside the first intercepted call
		Class.forName(DISPATCHER, true, null);
	}

	// the kinds are compile-time constants: this class never links to the dispatcher,
	// whose only copy must be
	// the bootstrap loader's
	private static JdkTransformer transformer() {
		return new JdkTransformer()
			.add(Files.class,
					advice(Advices.Temp.class, false, Dispatcher.TEMP_FILE).on(isStatic().and(named("createTempFile"))))
			.add(Files.class,
					advice(Advices.Temp.class, true, Dispatcher.TEMP_DIRECTORY)
						.on(isStatic().and(named("createTempDirectory"))))
			.add(Files.class,
					advice(Advices.New.class, false, Dispatcher.FILE).on(named("createFile").and(takesArguments(2))))
			.add(Files.class,
					advice(Advices.New.class, true, Dispatcher.DIRECTORY)
						.on(named("createDirectory").and(takesArguments(2))))
			.add(Files.class,
					advice(Advices.OptionArray.class, false, Dispatcher.STREAM)
						.on(named("newOutputStream").and(takesArguments(2))))
			.add(Files.class,
					advice(Advices.OptionSet.class, false, Dispatcher.CHANNEL)
						.on(named("newByteChannel").and(takesArgument(1, Set.class))))
			.add(FileChannel.class,
					advice(Advices.OptionSet.class, false, Dispatcher.CHANNEL)
						.on(isStatic().and(named("open")).and(takesArgument(1, Set.class))))
			.add(File.class,
					advice(Advices.Temp.class, false, Dispatcher.TEMP_FILE)
						.on(isStatic().and(named("createTempFile")).and(takesArguments(3))))
			.add(File.class,
					advice(Advices.Created.class, true, Dispatcher.DIRECTORY).on(named("mkdir").and(takesArguments(0))))
			.add(File.class,
					advice(Advices.Created.class, false, Dispatcher.FILE)
						.on(named("createNewFile").and(takesArguments(0))))
			.add(java.io.FileOutputStream.class,
					advice(Advices.OutputStream.class, false, Dispatcher.STREAM)
						.on(isConstructor().and(takesArguments(File.class, boolean.class))))
			.add(RandomAccessFile.class,
					advice(Advices.RandomAccess.class, false, Dispatcher.RANDOM_ACCESS).on(isConstructor()
						.and(hasLeafConstructor() ? takesArguments(File.class, String.class, boolean.class)
								: takesArguments(File.class, String.class))));
	}

	private static Advice advice(Class<?> advice, boolean directory, int kind) {
		return Advice.withCustomMapping()
			.bind(Advices.Directory.class, directory)
			.bind(Advices.Kind.class, kind)
			.to(advice);
	}

	// Java 17 to 25 open through a private (File, String, boolean) constructor; older
	// ones through (File, String)
	private static boolean hasLeafConstructor() {
		try {
			RandomAccessFile.class.getDeclaredConstructor(File.class, String.class, boolean.class);
			return true;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	private static @Nullable Class<?> bootDispatcher() {
		try {
			return Class.forName(DISPATCHER, false, null);
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
	}

	private static void setStatic(String field, Object value) {
		Class<?> dispatcher = bootDispatcher();
		if (dispatcher == null) {
			return;
		}
		try {
			Field target = dispatcher.getField(field);
			target.set(null, value);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("tempguard's dispatcher has no field " + field, ex);
		}
	}

	/**
	 * Whether the interception works.
	 *
	 * @param active whether creations are seen where they are made
	 * @param reason how it was attached, or why not
	 */
	record Status(boolean active, String reason) {

	}

}
