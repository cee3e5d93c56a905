package dev.tempguard.junit.platform;

import java.lang.reflect.Method;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;

import dev.tempguard.internal.runtime.TestLifecycle;
import dev.tempguard.internal.runtime.TestNode;
import dev.tempguard.internal.scope.Scope;

/**
 * Describes JUnit nodes as tempguard's contexts: their ids ({@code <class>} for a class,
 * {@code <class>#<method>[<n>]} for a test, {@code <class>#<method>} for a parameterized
 * test or a test factory) and display names
 * ({@code ReportTests > values(String) > [1] "x"}), the same whether the JUnit Platform
 * listener or the Jupiter extension sees the node first. The invocation numbers come from
 * JUnit's unique ids, so they are the same from one run to the next, parallel or not.
 */
public final class JUnitNodes {

	public static final String SEPARATOR = " > ";

	private JUnitNodes() {
	}

	/**
	 * The node of a JUnit Platform test or container; empty for an engine.
	 * @param identifier the test or container
	 * @param parent the context of its parent, {@code null} when it has none (its parent
	 * is an engine)
	 */
	static Optional<TestNode> of(TestIdentifier identifier, TestLifecycle.@Nullable Opened parent) {
		UniqueId uniqueId = identifier.getUniqueIdObject();
		if (uniqueId.getSegments().size() < 2) {
			return Optional.empty();
		}
		TestSource source = identifier.getSource().orElse(null);
		String className = null;
		String methodName = null;
		Method method = null;
		if (source instanceof ClassSource classSource) {
			className = classSource.getClassName();
		}
		else if (source instanceof MethodSource methodSource) {
			className = methodSource.getClassName();
			methodName = methodSource.getMethodName();
			method = method(methodSource);
		}
		Scope.Kind kind = (identifier.isTest()) ? Scope.Kind.METHOD
				: (methodName == null && className != null) ? Scope.Kind.CLASS : Scope.Kind.CONTAINER;
		// the parent's name is the path above this one: no walk up the plan, and no
		// unique id turned into text but this one's, for each test
		String displayName = (parent != null) ? parent.scope().displayName() + SEPARATOR + identifier.getDisplayName()
				: identifier.getDisplayName();
		return Optional.of(new TestNode(uniqueId.toString(), (parent != null) ? parent.uniqueId() : null, kind,
				id(kind, className, methodName, uniqueId), displayName, testClass(className, method, parent), method));

	}

	// the class of the test's method or of its parent's context when it is the same, not
	// looked up again for each test
	private static @Nullable Class<?> testClass(@Nullable String className, @Nullable Method method,
			TestLifecycle.@Nullable Opened parent) {
		if (className == null) {
			return null;
		}
		if (method != null && method.getDeclaringClass().getName().equals(className)) {
			return method.getDeclaringClass();
		}
		Class<?> parentClass = (parent != null) ? parent.scope().testClass() : null;
		if (parentClass != null && parentClass.getName().equals(className)) {
			return parentClass;
		}
		return load(className);
	}

	// the method, loaded as JUnit loads it; null when it cannot be
	private static @Nullable Method method(MethodSource source) {
		try {
			return source.getJavaMethod();
		}
		catch (RuntimeException | LinkageError ex) {
			return null;
		}
	}

	/**
	 * The context id of a node.
	 * @param kind its kind
	 * @param className the binary name of its class, {@code null} when it has none
	 * @param methodName its method, {@code null} for a class
	 * @param uniqueId its JUnit unique id, whose invocation numbers ({@code #3}) are
	 * used, and which stands in for a node of no class
	 */
	public static String id(Scope.Kind kind, @Nullable String className, @Nullable String methodName, String uniqueId) {
		if (className == null) {
			return uniqueId;
		}
		return id(kind, className, methodName, UniqueId.parse(uniqueId));
	}

	private static String id(Scope.Kind kind, @Nullable String className, @Nullable String methodName,
			UniqueId uniqueId) {
		if (className == null) {
			return uniqueId.toString();
		}
		if (methodName == null || kind == Scope.Kind.CLASS) {
			return className;
		}
		StringBuilder id = new StringBuilder(className).append('#').append(methodName);
		boolean numbered = false;
		for (UniqueId.Segment segment : uniqueId.getSegments()) {
			String value = segment.getValue();
			if (value.startsWith("#") && value.length() > 1) {
				id.append('[').append(value, 1, value.length()).append(']');
				numbered = true;
			}
		}
		if (!numbered && kind == Scope.Kind.METHOD) {
			id.append("[1]");
		}
		return id.toString();
	}

	/** The class, loaded without initializing it; {@code null} when it cannot be. */
	public static @Nullable Class<?> load(@Nullable String className) {
		if (className == null) {
			return null;
		}
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		try {
			return Class.forName(className, false, (loader != null) ? loader : JUnitNodes.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

}
