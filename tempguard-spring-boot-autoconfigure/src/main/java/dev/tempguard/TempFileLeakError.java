package dev.tempguard;

import java.util.List;

import dev.tempguard.CleanupResult.CleanupFailure;

/**
 * A test left temporary paths behind ({@code tempguard.fail-on-leak=true}). The message names the test and
 * each path with why it is still there.
 */
public class TempFileLeakError extends AssertionError {

	private static final long serialVersionUID = 1L;

	private final String context;

	private final transient List<CleanupFailure> leaks;

	public TempFileLeakError(String context, List<CleanupFailure> leaks) {
		super(message(context, leaks));
		this.context = context;
		this.leaks = List.copyOf(leaks);
		leaks.forEach((leak) -> addSuppressed(leak.cause()));
	}

	/** The id of the test context that leaked. */
	public String context() {
		return this.context;
	}

	/** Each leaked path with why it is still there. */
	public List<CleanupFailure> leaks() {
		return this.leaks;
	}

	private static String message(String context, List<CleanupFailure> leaks) {
		StringBuilder message = new StringBuilder("tempguard: ").append(context)
			.append(" leaked ")
			.append(leaks.size())
			.append((leaks.size() == 1) ? " temporary path:" : " temporary paths:");
		for (CleanupFailure leak : leaks) {
			message.append(System.lineSeparator()).append("  ").append(leak.path()).append(" (")
				.append(describe(leak.cause())).append(')');
		}
		return message.append(System.lineSeparator())
			.append("  Delete it in the test, or create it with TempFileRegistry so that tempguard deletes it.")
			.toString();
	}

	private static String describe(Throwable cause) {
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
