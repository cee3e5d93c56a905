package dev.tempguard;

import java.util.List;

/**
 * A test left temporary paths behind ({@code tempguard.fail-on-leak=true}). The message
 * names the test and each path with its size and why it is a leak.
 */
public class TempFileLeakError extends AssertionError {

	private static final long serialVersionUID = 1L;

	/** The page that says how to read a verdict and fix a leak. */
	public static final String DOCS = "https://github.com/tempguard/tempguard/blob/main/docs/leak-detection.md";

	private final String context;

	private final transient List<Leak> leaks;

	public TempFileLeakError(String context, List<Leak> leaks) {
		this(context, leaks, "tempguard: " + context + " leaked " + leaks.size()
				+ ((leaks.size() == 1) ? " temporary path:" : " temporary paths:"));
	}

	/**
	 * An error whose message starts with {@code heading} rather than with
	 * {@code <context> leaked}: for leaks that the test failing with it did not make.
	 * @param context the id of the test context the leaks are reported against
	 * @param leaks each leaked path
	 * @param heading the first line of the message: whose leaks they are, and why they
	 * fail where they do
	 */
	public TempFileLeakError(String context, List<Leak> leaks, String heading) {
		super(message(heading, context, leaks));
		this.context = context;
		this.leaks = List.copyOf(leaks);
		leaks.stream().map(Leak::cause).filter((cause) -> cause != null).forEach(this::addSuppressed);
	}

	/** The id of the test context that leaked. */
	public String context() {
		return this.context;
	}

	/** Each leaked path. */
	public List<Leak> leaks() {
		return this.leaks;
	}

	private static String message(String heading, String context, List<Leak> leaks) {
		StringBuilder message = new StringBuilder(heading);
		for (Leak leak : leaks) {
			message.append(System.lineSeparator()).append("  ");
			// a leak of a context below this one (a dynamic test's) names it; one of
			// tests
			// of several classes says why this one reports it
			if (leak.reason() == Leak.Reason.AMBIGUOUS && !leak.context().equals(context)
					&& !leak.candidates().isEmpty()) {
				message.append("made by one of several tests, reported here as the last of them to end was of ")
					.append(context)
					.append(": ");
			}
			else if (!leak.context().equals(context) && leak.reason() != Leak.Reason.LATE) {
				message.append("from ").append(leak.context()).append(": ");
			}
			message.append(leak.describe());
		}
		return message.append(System.lineSeparator())
			.append("  Delete what the test creates, or create or register it with TempFileRegistry so that "
					+ "tempguard deletes it (see " + DOCS + ").")
			.toString();
	}

}
