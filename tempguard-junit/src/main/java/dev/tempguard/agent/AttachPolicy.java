package dev.tempguard.agent;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import org.jspecify.annotations.Nullable;

/**
 * Whether this JVM lets tempguard attach its agent by itself, silently: decided before
 * attaching, since attaching on JDK 21 and later without
 * {@code -XX:+EnableDynamicAgentLoading} prints the JDK's warning, and attaching where it
 * is disabled only fails.
 *
 * @param attach whether to attach
 * @param reason why not, in words a user can act on; or how it attaches
 */
record AttachPolicy(boolean attach, String reason) {

	static AttachPolicy detect() {
		int feature = Runtime.version().feature();
		if (ModuleLayer.boot().findModule("jdk.attach").isEmpty()) {
			return new AttachPolicy(false, "this JVM has no module jdk.attach");
		}
		VMOption disabled = option("DisableAttachMechanism");
		if (disabled != null && "true".equals(disabled.getValue())) {
			return new AttachPolicy(false, "the JVM runs with -XX:+DisableAttachMechanism");
		}
		VMOption dynamic = option("EnableDynamicAgentLoading");
		if (dynamic != null && "false".equals(dynamic.getValue())) {
			return new AttachPolicy(false, "the JVM runs with -XX:-EnableDynamicAgentLoading");
		}
		if (feature >= 21 && (dynamic == null || dynamic.getOrigin() == VMOption.Origin.DEFAULT)) {
			return new AttachPolicy(false, "Java " + feature + " warns when an agent attaches to a running JVM");
		}
		return new AttachPolicy(true, "attached to the running JVM (Java " + feature + ")");
	}

	private static @Nullable VMOption option(String name) {
		try {
			return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name);
		}
		catch (RuntimeException | LinkageError ex) {
			// not HotSpot, no jdk.management, or no such option
			return null;
		}
	}

}
