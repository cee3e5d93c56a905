package dev.tempguard.testing;

/**
 * Sets a system property for a test and puts the former value back on {@link #close()}.
 */
public final class SystemProperty implements AutoCloseable {

	private final String key;

	private final String former;

	private SystemProperty(String key, String value) {
		this.key = key;
		this.former = System.getProperty(key);
		System.setProperty(key, value);
	}

	public static SystemProperty set(String key, String value) {
		return new SystemProperty(key, value);
	}

	@Override
	public void close() {
		if (this.former != null) {
			System.setProperty(this.key, this.former);
		}
		else {
			System.clearProperty(this.key);
		}
	}

}
