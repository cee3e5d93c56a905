package dev.tempguard.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The main class of {@link ChildRuns}: {@code <test class>... -- <key=value>...}. Prints
 * one line per test and container that did not succeed, {@code [child] FAILED <display
 * name>: <messages of the failure and its causes>}, then {@code [child] done}, and ends
 * the JVM with {@link System#exit}, which runs the shutdown hooks, as surefire does. A
 * fixture may give it work to run in between ({@link #afterRun}).
 */
public final class LaunchMain {

	private static final List<Runnable> afterRun = new CopyOnWriteArrayList<>();

	private LaunchMain() {
	}

	/**
	 * Runs {@code task} once the launcher returned (tempguard's end of the run is over),
	 * before the JVM ends: a fixture makes files after the run, deterministically.
	 */
	public static void afterRun(Runnable task) {
		afterRun.add(task);
	}

	public static void main(String[] args) throws Exception {
		List<Class<?>> fixtures = new ArrayList<>();
		List<String> configuration = new ArrayList<>();
		boolean parameters = false;
		for (String arg : args) {
			if (arg.equals("--")) {
				parameters = true;
			}
			else if (parameters) {
				configuration.add(arg);
			}
			else {
				fixtures.add(Class.forName(arg));
			}
		}
		LauncherRuns.Results results = LauncherRuns.run(fixtures, configuration.toArray(String[]::new));
		List<LauncherRuns.Finished> finished = new ArrayList<>(results.containers());
		finished.addAll(results.tests());
		for (LauncherRuns.Finished node : finished) {
			if (!node.succeeded()) {
				StringBuilder messages = new StringBuilder();
				for (Throwable cause = node.failure(); cause != null; cause = cause.getCause()) {
					messages.append(" | ").append(cause);
				}
				System.out.println("[child] FAILED " + node.identifier().getDisplayName() + ":" + messages);
			}
		}
		System.out.println("[child] done");
		afterRun.forEach(Runnable::run);
		// as surefire ends its forks: threads a test left (an embedded server's) would
		// keep the JVM alive
		System.exit(0);
	}

}
