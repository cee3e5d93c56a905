package dev.tempguard.benchmarks;

import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.runtime.TestLifecycle;
import dev.tempguard.internal.runtime.TestNode;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.junit.platform.JUnitNodes;

/**
 * Test contexts opened and ended the way tempguard's JUnit Platform listener does it
 * around each test ({@code TempGuardExecutionListener}): through the runtime's
 * {@link TestLifecycle}, inside the context of a test class, named as JUnit names a
 * repeated test's invocations. For the benchmarks that time tempguard's part of a test
 * without a test engine around it.
 */
public final class TestContexts implements AutoCloseable {

	private static final String ENGINE = "[engine:junit-jupiter]";

	private final TempGuardRuntime runtime;

	private final Class<?> testClass;

	private final String classUniqueId;

	private final TestLifecycle.Opened classContext;

	public TestContexts(TempGuardRuntime runtime, Class<?> testClass) {
		this.runtime = runtime;
		this.testClass = testClass;
		this.classUniqueId = ENGINE + "/[class:" + testClass.getName() + "]";
		this.classContext = open(new TestNode(this.classUniqueId, ENGINE, Scope.Kind.CLASS, testClass.getName(),
				testClass.getSimpleName(), testClass, null));
	}

	/**
	 * Opens the context of invocation {@code invocation} of the repeated test
	 * {@code method} and binds the calling thread to it, as the listener does when a test
	 * starts.
	 */
	public TestLifecycle.Opened open(String method, int invocation) {
		String template = this.classUniqueId + "/[test-template:" + method + "()]";
		String uniqueId = template + "/[test-template-invocation:#" + invocation + "]";
		return open(new TestNode(uniqueId, template, Scope.Kind.METHOD,
				JUnitNodes.id(Scope.Kind.METHOD, this.testClass.getName(), method, uniqueId),
				this.testClass.getSimpleName() + JUnitNodes.SEPARATOR + method + "()" + JUnitNodes.SEPARATOR
						+ "repetition " + invocation,
				this.testClass, null));
	}

	/**
	 * Ends a context (cleans it, finds its leaks, records it) and puts back the thread's
	 * binding, as the listener does when a test finishes.
	 */
	public void finish(TestLifecycle.Opened opened) {
		try {
			this.runtime.lifecycle().finish(opened.scope(), false);
		}
		finally {
			this.runtime.lifecycle().unbind(opened);
		}
	}

	private TestLifecycle.Opened open(TestNode node) {
		TestLifecycle.Opened opened = this.runtime.lifecycle().open(node, this.runtime.defaultPolicy());
		opened.scope().claim(TestLifecycle.PLATFORM);
		return opened;
	}

	/** Ends the class's context. */
	@Override
	public void close() {
		finish(this.classContext);
	}

}
