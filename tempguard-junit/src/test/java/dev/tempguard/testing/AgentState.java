package dev.tempguard.testing;

/** Whether tempguard's agent is installed in this JVM, for fixtures to say. */
public final class AgentState {

	private AgentState() {
	}

	/**
	 * Whether the agent is installed: it defines its dispatcher in the bootstrap class
	 * loader.
	 */
	public static boolean installed() {
		try {
			Class.forName("dev.tempguard.agent.boot.Dispatcher", false, null);
			return true;
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
	}

}
