package dev.tempguard.benchmarks.suite;

/**
 * What of tempguard was active in this JVM, found by reflection so that the suites also
 * run without tempguard's jar: {@code absent}, or {@code source=<inotify|snapshot|none>
 * agent=<on|off>}. The agent is on when its dispatcher is in the bootstrap loader and
 * listens.
 */
final class TempGuardProbe {

	private TempGuardProbe() {
	}

	static String describe() {
		try {
			Class<?> runtimeType = Class.forName("dev.tempguard.internal.runtime.TempGuardRuntime");
			Object runtime = runtimeType.getMethod("get").invoke(null);
			Object detector = runtimeType.getMethod("leakDetector").invoke(runtime);
			Object source = detector.getClass().getMethod("sourceName").invoke(detector);
			return "source=" + source + " agent=" + (agentListens() ? "on" : "off");
		}
		catch (ClassNotFoundException ex) {
			return "absent";
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return "unknown (" + ex + ")";
		}
	}

	private static boolean agentListens() throws ReflectiveOperationException {
		Class<?> dispatcher;
		try {
			dispatcher = Class.forName("dev.tempguard.agent.boot.Dispatcher", false, null);
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
		return dispatcher.getField("listener").get(null) != null;
	}

}
