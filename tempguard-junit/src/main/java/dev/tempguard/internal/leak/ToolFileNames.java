package dev.tempguard.internal.leak;

/**
 * The names that the JVM, build tools and libraries give what they make in
 * {@code java.io.tmpdir} and clean up themselves: never leaks; and JUnit's
 * {@code @TempDir} directories, checked once JUnit had its chance to delete them. Each is
 * matched by its exact shape (a fixed prefix, the digits of {@code File.createTempFile}
 * and friends, a fixed suffix) so that a file a test makes with a similar name
 * ({@code junit-export.csv}, {@code jnaExport.txt}) is still reported. Checked for every
 * entry made: no regex, one pass over the name.
 */
final class ToolFileNames {

	private static final String USER_NAME = System.getProperty("user.name", "");

	private ToolFileNames() {
	}

	static boolean matches(String name) {
		return jvm(name) || buildTools(name) || agents(name) || nativeLibraries(name);
	}

	/**
	 * JUnit's {@code @TempDir} directories ({@code junit-<digits>} from JUnit 6's
	 * {@code TempDirFactory.Standard}, {@code junit<digits>} from JUnit 5 before it and
	 * JUnit 4's {@code TemporaryFolder}): JUnit deletes them after tempguard's check of
	 * the test, unless told to keep them ({@code @TempDir(cleanup = NEVER)}, or
	 * {@code ON_SUCCESS} and a failed test).
	 */
	static boolean junitTempDirectory(String name) {
		return numbered(name, "junit", "", "") || numbered(name, "junit-", "", "");
	}

	/**
	 * HotSpot's perf data directory of this JVM's user ({@code hsperfdata_<user>}), its
	 * attach sockets ({@code .java_pid<pid>}, {@code .attach_pid<pid>}), and the fonts
	 * {@code java.awt.Font.createFont} copies ({@code +~JF<digits>.tmp}).
	 */
	private static boolean jvm(String name) {
		return (!USER_NAME.isEmpty() && name.length() == "hsperfdata_".length() + USER_NAME.length()
				&& name.startsWith("hsperfdata_") && name.endsWith(USER_NAME)) || numbered(name, ".java_pid", "", "")
				|| numbered(name, ".attach_pid", "", "") || numbered(name, "+~JF", "", ".tmp");
	}

	/**
	 * Maven Surefire's boot directory and files: {@code surefire<digits>} (3.x on
	 * Windows), {@code surefire<digits>tmp}, {@code surefire_<n><digits>tmp},
	 * {@code surefirebooter<digits>.jar} (2.x) and, named by its {@code TempFileManager},
	 * {@code surefire-<time>_<n>tmp}, {@code surefire_<n>-<time>_<n>tmp},
	 * {@code surefirebooter-<time>_<n>.jar}, {@code surefireargs-<time>_<n>} (3.x). The
	 * JaCoCo agent's jar ({@code jacocoagent<digits>.jar}, deleted when the JVM exits).
	 */
	private static boolean buildTools(String name) {
		return numbered(name, "surefire", "_-", "", "tmp") || numbered(name, "surefirebooter", "_-", ".jar")
				|| numbered(name, "surefireargs", "_-", "") || numbered(name, "jacocoagent", "", ".jar");
	}

	/**
	 * The agent jars that Byte Buddy ({@code byteBuddyAgent<digits>.jar}) and Mockito's
	 * inline mock maker ({@code mockitoboot<digits>.jar}, {@code mockitoboot<digits>jar}
	 * before Mockito 2.7) attach: deleted when the JVM exits.
	 */
	private static boolean agents(String name) {
		// byteBuddyAttacher: the jar of the helper process that attaches an agent on Java
		// 9+,
		// deleted once attached (on exit where it cannot be)
		return numbered(name, "byteBuddyAgent", "", ".jar") || numbered(name, "byteBuddyAttacher", "", ".jar")
				|| numbered(name, "mockitoboot", "", ".jar", "jar");
	}

	/**
	 * Native libraries unpacked to be loaded, deleted when the JVM exits: JNA's
	 * {@code jna<digits>.tmp} ({@code .dll} on Windows, with {@code .x} a mark to delete
	 * it later) and its directory {@code jna-<hash of the user name>}; jffi's
	 * {@code jffi<digits>.so} ({@code .dylib}, {@code .dll}, {@code .tmp} before 1.2);
	 * Netty's {@code libnetty_<library>_<arch><digits>.so}; jansi's
	 * {@code jansi-<version>-<id>-libjansi.so} and its {@code .lck}.
	 */
	private static boolean nativeLibraries(String name) {
		return numbered(name, "jna", "", ".tmp", ".dll", ".tmp.x", ".dll.x") || numbered(name, "jna-", "", "")
				|| numbered(name, "jna--", "", "") || numbered(name, "jffi", "", ".so", ".dylib", ".dll", ".tmp")
				|| netty(name) || jansi(name);
	}

	private static boolean netty(String name) {
		if (!name.startsWith("libnetty_")) {
			return false;
		}
		int end = name.lastIndexOf('.');
		if (end <= "libnetty_".length() || !isDigit(name.charAt(end - 1))
				|| !endsAt(name, end, name.length(), ".so", ".jnilib", ".dylib")) {
			return false;
		}
		for (int i = "libnetty_".length(); i < end; i++) {
			char c = name.charAt(i);
			if (!(isDigit(c) || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
				return false;
			}
		}
		return true;
	}

	private static boolean jansi(String name) {
		if (!name.startsWith("jansi-")) {
			return false;
		}
		int end = name.endsWith(".lck") ? name.length() - ".lck".length() : name.length();
		int library = name.lastIndexOf('-', end - 1);
		int start = "jansi-".length();
		// the version first, then a random id: digits, letters, dots and dashes
		if (library <= start || !isDigit(name.charAt(start))
				|| !endsAt(name, library + 1, end, "libjansi.so", "libjansi.jnilib", "libjansi.dylib", "jansi.dll")) {
			return false;
		}
		for (int i = start; i < library; i++) {
			char c = name.charAt(i);
			if (!(isDigit(c) || c == '.' || c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether the name is the prefix, then digits (and the separators given) with at
	 * least one digit, then exactly one of the suffixes.
	 */
	private static boolean numbered(String name, String prefix, String separators, String... suffixes) {
		if (!name.startsWith(prefix)) {
			return false;
		}
		int end = prefix.length();
		boolean digit = false;
		while (end < name.length()) {
			char c = name.charAt(end);
			if (isDigit(c)) {
				digit = true;
			}
			else if (separators.indexOf(c) < 0) {
				break;
			}
			end++;
		}
		return digit && endsAt(name, end, name.length(), suffixes);
	}

	/**
	 * Whether the name from {@code from} to {@code to} is one of the suffixes.
	 */
	private static boolean endsAt(String name, int from, int to, String... suffixes) {
		for (String suffix : suffixes) {
			if (to - from == suffix.length() && name.startsWith(suffix, from)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
