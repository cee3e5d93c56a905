package dev.tempguard.internal.scope;

import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The open test contexts and which one a thread works for.
 * <p>
 * A thread is bound to a scope by the test integration (the test's own thread), or
 * inherits the binding of the thread that started it (threads and executors a test
 * creates). A thread bound to no open scope (an embedded server's request thread, an
 * {@code @Async} pool made at start-up) counts for the narrowest scope that is certain:
 * the only running test, else the closest scope that encloses every running test.
 */
public final class Scopes {

	private static final String RUN_ID = "run";

	private final Scope run = new Scope(RUN_ID, Scope.Kind.RUN, null, null);

	private final Map<String, Scope> open = new ConcurrentHashMap<>();

	private final Map<Class<?>, Scope> openClasses = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();

	private final InheritableThreadLocal<@Nullable Binding> binding = new InheritableThreadLocal<>() {

		@Override
		protected @Nullable Binding childValue(@Nullable Binding parent) {
			return (parent != null && parent.inheritable()) ? parent : null;
		}

	};

	public Scope run() {
		return this.run;
	}

	/**
	 * Opens the scope of a test class, inside the scope of its enclosing class when that
	 * is open (a {@code @Nested} class), else inside the run.
	 */
	public Scope openClass(Class<?> testClass) {
		Class<?> enclosing = testClass.getEnclosingClass();
		// a @Nested class is an inner class: a static nested class runs as a class of its
		// own
		boolean nested = enclosing != null && !Modifier.isStatic(testClass.getModifiers());
		Scope parent = nested ? this.openClasses.get(enclosing) : null;
		if (parent == null) {
			parent = enclosingOfNew();
		}
		String id = testClass.getName();
		// a class normally runs once at a time; a second run at the same time must not
		// share its scope
		if (this.openClasses.containsKey(testClass)) {
			id = id + "[" + this.invocations.computeIfAbsent(id, (key) -> new AtomicInteger(1)).incrementAndGet() + "]";
		}
		Scope scope = openScope(id, Scope.Kind.CLASS, parent, testClass);
		this.openClasses.putIfAbsent(testClass, scope);
		return scope;
	}

	/**
	 * Opens the scope of one invocation of a test method:
	 * {@code <class name>#<method>[<n>]}.
	 */
	public Scope openMethod(Class<?> testClass, String methodName) {
		Scope parent = this.openClasses.get(testClass);
		if (parent == null) {
			parent = enclosingOfNew();
		}
		String key = testClass.getName() + "#" + methodName;
		int invocation = this.invocations.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
		return openScope(key + "[" + invocation + "]", Scope.Kind.METHOD, parent, testClass);
	}

	/**
	 * Opens a context of a test framework's node.
	 * @param id its id, made unique among the open ones (a suffix {@code [n]} when
	 * another with that id is open)
	 * @param kind class, container or method
	 * @param parent the enclosing context (the run when none is open)
	 * @param testClass its test class, when known
	 */
	public Scope open(String id, Scope.Kind kind, Scope parent, @Nullable Class<?> testClass) {
		Scope scope = openScope(id, kind, parent, testClass);
		if (kind == Scope.Kind.CLASS && testClass != null) {
			this.openClasses.putIfAbsent(testClass, scope);
		}
		return scope;
	}

	// an id another open scope has gets a suffix [n]: a node may run twice at a time (a
	// class run twice)
	private Scope openScope(String id, Scope.Kind kind, Scope parent, @Nullable Class<?> testClass) {
		Scope scope = new Scope(id, kind, parent, testClass);
		while (this.open.putIfAbsent(scope.id(), scope) != null) {
			scope = new Scope(id + "["
					+ this.invocations.computeIfAbsent(id, (key) -> new AtomicInteger(1)).incrementAndGet() + "]", kind,
					parent, testClass);
		}
		parent.childOpened();
		return scope;
	}

	/**
	 * Closes {@code scope}: it tracks nothing more, and no thread counts for it any
	 * longer.
	 */
	public void close(Scope scope) {
		if (scope.kind() == Scope.Kind.RUN || !scope.isOpen()) {
			return;
		}
		scope.close();
		this.open.remove(scope.id(), scope);
		this.openClasses.remove(scope.testClass(), scope);
		Scope parent = scope.parent();
		if (parent != null) {
			parent.childClosed();
		}
	}

	/** The open scope with that id. */
	public Optional<Scope> find(String id) {
		if (RUN_ID.equals(id)) {
			return Optional.of(this.run);
		}
		return Optional.ofNullable(this.open.get(id));
	}

	/** Whether an open scope (the run included) tracks {@code path}. */
	public boolean isTracked(Path path) {
		for (Scope scope : all()) {
			if (scope.tracks(path)) {
				return true;
			}
		}
		return false;
	}

	/** The paths each open scope (the run first) tracks now, by id. */
	public Map<String, Integer> trackedByContext() {
		Map<String, Integer> byContext = new LinkedHashMap<>();
		for (Scope scope : all()) {
			byContext.put(scope.id(), scope.trackedCount());
		}
		return byContext;
	}

	/** How many paths the open scopes (the run included) track now. */
	public int trackedCount() {
		int tracked = 0;
		for (Scope scope : all()) {
			tracked += scope.trackedCount();
		}
		return tracked;
	}

	/**
	 * The open scopes, the run first, that no test but the one of {@code own} uses now:
	 * those in which, and below which, no other scope where a test may be running (a
	 * leaf) is open. They are {@code own} and the scopes enclosing it, up to the first
	 * one that another running test shares.
	 * @param own the scope of the calling thread
	 */
	public List<Scope> freeFor(Scope own) {
		List<Scope> all = all();
		Set<Scope> inUse = new HashSet<>();
		for (Scope scope : all) {
			if (scope != own && scope.isLeaf()) {
				for (Scope enclosing = scope; enclosing != null
						&& inUse.add(enclosing); enclosing = enclosing.parent()) {
					// marks the leaf and every scope enclosing it
				}
			}
		}
		all.removeIf(inUse::contains);
		return all;
	}

	/** Every open scope, the run first. */
	public List<Scope> all() {
		List<Scope> all = new ArrayList<>(this.open.size() + 1);
		all.add(this.run);
		all.addAll(this.open.values());
		return all;
	}

	/**
	 * Binds the calling thread to {@code scope}.
	 * @param inheritable whether threads started from now on by this thread count for it
	 * too
	 * @return the previous binding, to give to {@link #restore}
	 */
	public @Nullable Binding bind(Scope scope, boolean inheritable) {
		Binding previous = this.binding.get();
		this.binding.set(new Binding(scope, inheritable));
		return previous;
	}

	/** Puts back a binding returned by {@link #bind}. */
	public void restore(@Nullable Binding previous) {
		if (previous == null) {
			this.binding.remove();
		}
		else {
			this.binding.set(previous);
		}
	}

	/**
	 * Where a scope opened by the calling thread goes when it has no parent of its own:
	 * inside the scope the thread works for (tests launched by a test), else the run.
	 */
	public Scope enclosingOfNew() {
		Binding current = this.binding.get();
		return (current != null && current.scope().isOpen() && !current.scope().finished()) ? current.scope()
				: this.run;
	}

	/**
	 * The scope the calling thread is bound to, open or closed; {@code null} when it is
	 * bound to none.
	 */
	public @Nullable Scope bound() {
		Binding current = this.binding.get();
		return (current != null) ? current.scope() : null;
	}

	/**
	 * The open scopes where a test may be running now: open, not the run, and with no
	 * open scope below them.
	 */
	public List<Scope> openLeaves() {
		List<Scope> leaves = new ArrayList<>();
		for (Scope scope : this.open.values()) {
			if (scope.isLeaf()) {
				leaves.add(scope);
			}
		}
		return leaves;
	}

	/** Whether the calling thread is bound to an open scope other than the run. */
	public boolean isBoundToTest() {
		Binding current = this.binding.get();
		return current != null && current.scope().kind() != Scope.Kind.RUN && current.scope().isOpen();
	}

	/** The scope that what the calling thread creates now belongs to. */
	public Scope current() {
		Binding current = this.binding.get();
		if (current != null && current.scope().isOpen()) {
			return current.scope();
		}
		return narrowestCertain();
	}

	// The deepest scope that encloses every scope where a test may be running now.
	private Scope narrowestCertain() {
		return narrowestEnclosing(this.open.values(), Scope::isLeaf);
	}

	/**
	 * The deepest scope that encloses every leaf of {@code scopes} (a scope whose test
	 * may be running: no scope below it is among them), or the run when there is none.
	 * @param isLeaf tells whether a scope of {@code scopes} is a leaf
	 */
	public Scope narrowestEnclosing(Iterable<Scope> scopes, Predicate<Scope> isLeaf) {
		Scope common = null;
		for (Scope scope : scopes) {
			if (isLeaf.test(scope)) {
				common = (common != null) ? commonAncestor(common, scope) : scope;
				if (common == this.run) {
					return this.run;
				}
			}
		}
		return (common != null) ? common : this.run;
	}

	private Scope commonAncestor(Scope first, Scope second) {
		for (Scope candidate = first; candidate != null; candidate = candidate.parent()) {
			for (Scope other = second; other != null; other = other.parent()) {
				if (candidate == other) {
					return candidate;
				}
			}
		}
		return this.run;
	}

	/** A thread's binding to a scope. */
	public record Binding(Scope scope, boolean inheritable) {

	}

}
