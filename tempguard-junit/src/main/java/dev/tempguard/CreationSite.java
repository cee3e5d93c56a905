package dev.tempguard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where a temporary path was made, or a file opened: the thread and the call stack, as
 * tempguard's agent saw them on the creating thread; or why that is unknown (no agent, or
 * made outside the JVM's file APIs). The stack is captured cheaply when the path is made
 * and turned into frames only when a leak is reported.
 */
public final class CreationSite {

	/**
	 * Class name prefixes of the JDK, build tools, test and application frameworks: a
	 * leak's site is the first frame outside them.
	 */
	private static final List<String> FRAMEWORKS = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "org.junit.",
			"junit.", "org.opentest4j.", "org.apache.maven.", "org.gradle.", "worker.org.gradle.",
			"org.springframework.", "jakarta.", "org.apache.catalina.", "org.apache.tomcat.", "org.apache.coyote.",
			"org.eclipse.jetty.", "io.undertow.", "io.netty.", "reactor.", "io.micrometer.", "tools.jackson.",
			"com.fasterxml.", "org.mockito.", "net.bytebuddy.", "org.assertj.", "kotlin.", "scala.", "groovy.",
			"org.codehaus.groovy.", "org.apache.commons.", "org.slf4j.", "ch.qos.logback.", "org.apache.logging.",
			"dev.tempguard.internal.", "dev.tempguard.junit.platform.", "dev.tempguard.junit.TempGuardExtension",
			"dev.tempguard.agent.", "dev.tempguard.spring.");

	private final String thread;

	private final @Nullable Throwable stack;

	private final @Nullable String unknownBecause;

	private volatile @Nullable List<StackTraceElement> frames;

	private CreationSite(String thread, @Nullable Throwable stack, @Nullable String unknownBecause) {
		this.thread = thread;
		this.stack = stack;
		this.unknownBecause = unknownBecause;
	}

	/**
	 * The site of a creation seen on {@code thread}.
	 * @param thread the creating thread's name
	 * @param stack a throwable made on that thread at the creation, whose stack trace is
	 * the call stack
	 * @return the site
	 */
	public static CreationSite of(String thread, Throwable stack) {
		return new CreationSite(thread, Objects.requireNonNull(stack, "stack"), null);
	}

	/**
	 * The site of a creation read back from a report: its frames as written.
	 * @param thread the creating thread's name
	 * @param frames the call stack, innermost first
	 * @return the site
	 */
	public static CreationSite ofFrames(String thread, List<StackTraceElement> frames) {
		CreationSite site = new CreationSite(thread, null, null);
		site.frames = List.copyOf(frames);
		return site;
	}

	/**
	 * A site that is not known.
	 * @param why why, in a few words a user can act on
	 * @return the site
	 */
	public static CreationSite unknown(String why) {
		return new CreationSite("", null, why);
	}

	/** Whether the call stack is known. */
	public boolean known() {
		return this.unknownBecause == null;
	}

	/** Why the site is not known; {@code null} when it is. */
	public @Nullable String unknownBecause() {
		return this.unknownBecause;
	}

	/** The name of the creating thread, empty when unknown. */
	public String thread() {
		return this.thread;
	}

	/**
	 * The whole call stack, innermost first, without tempguard's own interception frames;
	 * empty when unknown.
	 */
	public List<StackTraceElement> stack() {
		List<StackTraceElement> resolved = this.frames;
		if (resolved == null) {
			resolved = (this.stack != null) ? withoutInterception(this.stack.getStackTrace()) : List.of();
			this.frames = resolved;
		}
		return resolved;
	}

	/**
	 * The frames a person reads first: the first frame outside the JDK and the frameworks
	 * (where the path was made), and the first frame of {@code testClass} (the test line
	 * that led there) when that is another.
	 * @param testClass the binary name of the test class the leak is reported against, or
	 * {@code null}
	 * @return one or two frames; empty when the site is unknown or every frame is a
	 * framework's
	 */
	public List<StackTraceElement> userFrames(@Nullable String testClass) {
		List<StackTraceElement> summary = new ArrayList<>(2);
		List<StackTraceElement> all = stack();
		for (StackTraceElement frame : all) {
			if (!isFramework(frame.getClassName())) {
				summary.add(frame);
				break;
			}
		}
		if (testClass != null) {
			for (StackTraceElement frame : all) {
				String name = frame.getClassName();
				if ((name.equals(testClass) || name.startsWith(testClass + "$")) && !summary.contains(frame)) {
					summary.add(frame);
					break;
				}
			}
		}
		return summary;
	}

	/**
	 * One line for a person:
	 * {@code made at <frame>, called from <test frame> (thread <name>)}, or why the site
	 * is unknown.
	 * @param testClass the binary name of the test class, or {@code null}
	 * @return the line
	 */
	public String describe(@Nullable String testClass) {
		if (this.unknownBecause != null) {
			return "creation site unknown: " + this.unknownBecause;
		}
		List<StackTraceElement> summary = userFrames(testClass);
		if (summary.isEmpty()) {
			return "made by framework code on thread " + this.thread;
		}
		StringBuilder text = new StringBuilder("made at ").append(summary.get(0));
		if (summary.size() > 1) {
			text.append(", called from ").append(summary.get(1));
		}
		return text.append(" (thread ").append(this.thread).append(')').toString();
	}

	/**
	 * Whether a class belongs to the JDK, a build tool or a framework rather than to the
	 * code under test.
	 */
	public static boolean isFramework(String className) {
		for (String prefix : FRAMEWORKS) {
			if (className.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	// the frames of the agent's dispatcher and of tempguard's handler are not the user's
	private static List<StackTraceElement> withoutInterception(StackTraceElement[] trace) {
		int first = 0;
		for (int i = 0; i < trace.length; i++) {
			String name = trace[i].getClassName();
			if (name.startsWith("dev.tempguard.agent.") || name.startsWith("dev.tempguard.internal.")) {
				first = i + 1;
			}
			else if (first > 0 || i > 8) {
				break;
			}
		}
		return List.copyOf(Arrays.asList(trace).subList(first, trace.length));
	}

	@Override
	public String toString() {
		return describe(null);
	}

}
