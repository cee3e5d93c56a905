package dev.tempguard;

/**
 * A checked exception thrown by a {@link TempDirectoryCallback}, rethrown with it as
 * cause.
 */
public class TempDirectoryCallbackException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public TempDirectoryCallbackException(Exception cause) {
		super(cause.toString(), cause);
	}

}
