package dev.tempguard.internal.report;

import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.tempguard.CleanupResult;
import dev.tempguard.CreationSite;
import dev.tempguard.Leak;
import dev.tempguard.internal.cleanup.ScopeCleanup;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.runtime.TestRuntimes;
import dev.tempguard.internal.scope.Scope;

/**
 * Runs as the test listener records them. {@link #run()}: a service test class whose
 * methods pass, fail with a kept path, and create many files; an upload test class whose
 * parameterized test leaves an undeletable path still open and an untracked one.
 * {@link #everything()}: that run, plus a late leak that {@code @AllowLeaks} allows, an
 * ambiguous one the baseline knows, a fixed baseline entry and framework leftovers.
 * {@link #cleanSuite(int)}: a suite of clean tests, as a real one looks.
 */
final class ReportFixtures {

	static final Path KEPT = Path.of("/tmp/tempguard/run-1/export-kept.csv");

	static final Path LOCKED = Path.of("/tmp/tempguard/run-1/locked.bin");

	static final Path UNTRACKED = Path.of("/tmp/upload-1234.part");

	static final Path LATE = Path.of("/tmp/late-report-99.pdf");

	static final Path AMBIGUOUS = Path.of("/tmp/shared-cache-7.tmp");

	static final Path TOMCAT = Path.of("/tmp/tomcat.0.8080");

	static final Path UNKNOWN_LEFTOVER = Path.of("/tmp/hsperf-like-leftover");

	/** What {@link #UNTRACKED} was made by, and the test line that led there. */
	static final String MADE_AT = "com.example.upload.UploadService.store(UploadService.java:42)";

	static final String CALLED_FROM = UploadTests.class.getName() + ".uploadsAFile(ReportFixtures.java:12)";

	static final String OPENED_AT = "com.example.upload.UploadService.open(UploadService.java:17)";

	static final String UPLOAD_DISPLAY_NAME = "UploadTests > uploadsAFile(String) > [1] \"a.csv\"";

	private ReportFixtures() {
	}

	/** A runtime whose recorder and counters hold the run above. */
	static TempGuardRuntime run() {
		TempGuardRuntime runtime = TestRuntimes.create();
		Scope serviceClass = runtime.scopes().openClass(ServiceTests.class);
		serviceClass.displayName("ServiceTests");
		record(runtime, method(runtime, ServiceTests.class, "importsOrders", "ServiceTests > importsOrders()"), false,
				3, 1_200, 2_000_000, List.of(), List.of());
		record(runtime, method(runtime, ServiceTests.class, "exportsOrders", "ServiceTests > exportsOrders()"), true, 2,
				640, 1_500_000, List.of(), List.of(KEPT));
		record(runtime, method(runtime, ServiceTests.class, "importsADirectory", "ServiceTests > importsADirectory()"),
				false, 12, 48_000, 7_000_000, List.of(), List.of());
		record(runtime, serviceClass, false, 1, 10, 300_000, List.of(), List.of());
		Scope uploadClass = runtime.scopes().openClass(UploadTests.class);
		uploadClass.displayName("UploadTests");
		Scope upload = method(runtime, UploadTests.class, "uploadsAFile", UPLOAD_DISPLAY_NAME);
		Leak locked = new Leak(upload.id(), LOCKED, Leak.Reason.UNDELETABLE, 2_048, 1,
				new AccessDeniedException(LOCKED.toString()), null, List.of(), Leak.OpenState.OPEN,
				site(OPENED_AT, CALLED_FROM));
		Leak untracked = new Leak(upload.id(), UNTRACKED, Leak.Reason.UNTRACKED, 100, 1, null,
				site(MADE_AT, CALLED_FROM), List.of(), Leak.OpenState.UNKNOWN, null);
		record(runtime, upload, false, 1, 2_048, 900_000, List.of(locked, untracked), List.of());
		record(runtime, uploadClass, false, 0, 0, 100_000, List.of(), List.of());
		return runtime;
	}

	/**
	 * {@link #run()}, and a late leak that {@code @AllowLeaks} allows, an ambiguous one
	 * that the baseline knows, a fixed baseline entry, a Tomcat work directory deleted at
	 * exit and an entry that matched no catalogue entry.
	 */
	static TempGuardRuntime everything() {
		TempGuardRuntime runtime = run();
		Scope reports = method(runtime, UploadTests.class, "rendersAReport", "UploadTests > rendersAReport()");
		Leak late = new Leak(reports.id(), LATE, Leak.Reason.LATE, 5_000, 1, null,
				site("com.example.report.Renderer.render(Renderer.java:88)", null), List.of(), Leak.OpenState.UNKNOWN,
				null);
		Leak ambiguous = new Leak(reports.id(), AMBIGUOUS, Leak.Reason.AMBIGUOUS, 10, 1, null,
				CreationSite.unknown("no agent; seen by the directory watch"),
				List.of(reports.id(), ServiceTests.class.getName() + "#importsOrders[1]"), Leak.OpenState.UNKNOWN,
				null);
		record(runtime, reports, false, 0, 0, 50_000, List.of(late, ambiguous), List.of(),
				Map.of(late, RunReport.Disposition.allowed("renderer keeps its output until GC", "GH-12"), ambiguous,
						RunReport.Disposition.known("UploadTests#rendersAReport shared-cache-*.tmp"))::get);
		runtime.recorder()
			.fixed("ServiceTests#importsOrders orders-*.csv", ServiceTests.class.getName() + "#importsOrders",
					"orders-*.csv made at com.example.OrderExporter.write(OrderExporter.java:30)");
		runtime.recorder()
			.frameworkLeftover(TOMCAT, 12_288, 3, "Tomcat work directory", RunReport.Leftover.Status.DELETE_AT_EXIT,
					null, runtime.scopes().find(UploadTests.class.getName()).map(Scope::id).orElse(null));
		runtime.recorder()
			.frameworkLeftover(UNKNOWN_LEFTOVER, 700, 1, null, RunReport.Leftover.Status.LEFT, null, null);
		return runtime;
	}

	/**
	 * The report of a suite of {@code tests} clean tests in classes of a dozen tests,
	 * named like a REST application's suite; every 17th test makes two files.
	 */
	static RunReport cleanSuite(int tests) {
		String[] subjects = { "Owner", "Pet", "Visit", "Vet", "Specialty", "PetType", "User", "Clinic", "Root", "Json",
				"Mapper", "Validation", "Security", "Exception", "Config", "Cors", "Api", "Paging", "Sorting",
				"Search" };
		String[] layers = { "RestController", "Service", "Repository", "Mapper" };
		List<RunReport.TestEntry> entries = new ArrayList<>();
		long files = 0;
		long nanos = 0;
		int made = 0;
		for (int c = 0; made < tests; c++) {
			String simple = subjects[c % subjects.length] + layers[(c / subjects.length) % layers.length] + "Tests";
			String className = "org.springframework.samples.petclinic.rest." + simple;
			for (int m = 0; m < 12 && made < tests; m++, made++) {
				String method = ((m % 3 == 0) ? "testGet" : (m % 3 == 1) ? "testCreate" : "testDelete")
						+ subjects[c % subjects.length] + ((m < 3) ? "Success"
								: (m < 6) ? "NotFound" : (m < 9) ? "WithErrors" : "WithSpecialCharacters");
				int madeFiles = (made % 17 == 0) ? 2 : 0;
				long cleanup = 20_000 + (made % 7) * 3_000L;
				entries.add(new RunReport.TestEntry(1, className + "#" + method + "[1]", simple + " > " + method + "()",
						className, "method", "passed", madeFiles, madeFiles * 1_500L, List.of(), List.of(), cleanup));
				files += madeFiles;
				nanos += cleanup;
			}
			entries.add(new RunReport.TestEntry(1, className, simple, className, "class", "passed", 0, 0, List.of(),
					List.of(), 10_000));
			nanos += 10_000;
		}
		RunReport.Totals totals = new RunReport.Totals(tests, files, files, 0, files, 0, 0, 0, 0, nanos);
		return new RunReport(RunReport.VERSION,
				List.of(new RunReport.Fork(1, 100L, "build-host", "2026-01-05T10:00:00Z", "2026-01-05T10:01:00Z")),
				totals, entries);
	}

	private static Scope method(TempGuardRuntime runtime, Class<?> testClass, String method, String displayName) {
		Scope scope = runtime.scopes().openMethod(testClass, method);
		scope.displayName(displayName);
		return scope;
	}

	/** A creation site whose stack goes through the JDK, {@code frame} and the test. */
	static CreationSite site(String frame, String testFrame) {
		List<StackTraceElement> stack = new ArrayList<>();
		stack.add(new StackTraceElement("java.nio.file.Files", "createTempFile", "Files.java", 880));
		stack.add(element(frame));
		if (testFrame != null) {
			stack.add(element(testFrame));
		}
		stack.add(new StackTraceElement("org.junit.platform.commons.util.ReflectionUtils", "invokeMethod",
				"ReflectionUtils.java", 767));
		return CreationSite.ofFrames("main", stack);
	}

	// a frame written as StackTraceElement writes it: class.method(File.java:line)
	private static StackTraceElement element(String frame) {
		int paren = frame.indexOf('(');
		int dot = frame.lastIndexOf('.', paren);
		int colon = frame.lastIndexOf(':');
		return new StackTraceElement(frame.substring(0, dot), frame.substring(dot + 1, paren),
				frame.substring(paren + 1, colon), Integer.parseInt(frame.substring(colon + 1, frame.length() - 1)));
	}

	private static void record(TempGuardRuntime runtime, Scope scope, boolean failed, int files, long bytes, long nanos,
			List<Leak> leaks, List<Path> kept) {
		record(runtime, scope, failed, files, bytes, nanos, leaks, kept, (leak) -> RunReport.Disposition.NEW);
	}

	private static void record(TempGuardRuntime runtime, Scope scope, boolean failed, int files, long bytes, long nanos,
			List<Leak> leaks, List<Path> kept, Function<Leak, RunReport.Disposition> dispositions) {
		List<Leak> undeletable = leaks.stream().filter((leak) -> leak.reason() == Leak.Reason.UNDELETABLE).toList();
		List<Leak> untracked = leaks.stream().filter((leak) -> leak.reason() != Leak.Reason.UNDELETABLE).toList();
		count(runtime, scope, failed, files, undeletable, untracked, kept.size(), nanos);
		ScopeCleanup cleanup = new ScopeCleanup(scope.id(), new CleanupResult(List.of(), kept, List.of()), undeletable,
				files, bytes, Duration.ofNanos(nanos));
		runtime.recorder().record(scope, cleanup, untracked, dispositions);
	}

	private static void count(TempGuardRuntime runtime, Scope scope, boolean failed, int files, List<Leak> undeletable,
			List<Leak> untracked, int kept, long nanos) {
		if (failed) {
			scope.markFailed();
		}
		for (int i = 0; i < files; i++) {
			runtime.counters().created(false);
		}
		runtime.counters().cleaned(files - undeletable.size() - kept, undeletable.size(), kept, 0);
		runtime.counters().untrackedLeaks(untracked.size());
		runtime.counters().cleaning(scope.kind() == Scope.Kind.METHOD, nanos);
	}

	/** A fork's report of {@code runtime} with the given identity. */
	static RunReport forkReport(TempGuardRuntime runtime, long pid, Long parentPid, String start) {
		return forkReport(runtime, pid, parentPid, start, start.replace(":00Z", ":30Z"));
	}

	/** A fork's report of {@code runtime} with the given identity and life. */
	static RunReport forkReport(TempGuardRuntime runtime, long pid, Long parentPid, String start, String end) {
		RunReport.Fork fork = new RunReport.Fork(pid, parentPid, "build-host", start, end);
		return RunReport.of(fork, runtime.recorder(), runtime.counters());
	}

	static class ServiceTests {

	}

	static class UploadTests {

	}

}
