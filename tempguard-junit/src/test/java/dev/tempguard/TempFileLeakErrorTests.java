package dev.tempguard;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a {@link TempFileLeakError} says of each leak: whose it is when it is not the
 * failing context's own.
 */
class TempFileLeakErrorTests {

	@Test
	void anAmbiguousLeakOfTestsOfSeveralClassesSaysTheFailingClassWasOnlyTheLastToEnd() {
		Leak shared = new Leak("run", Path.of("/tmp/child-made.txt"), Leak.Reason.AMBIGUOUS, 0, 1, null, null,
				List.of("com.example.AlphaTests#leaks[1]", "com.example.BetaTests#leaks[1]"), Leak.OpenState.UNKNOWN,
				null);

		String message = new TempFileLeakError("com.example.BetaTests", List.of(shared)).getMessage();

		assertThat(message)
			.contains("  made by one of several tests, reported here as the last of them to end was of"
					+ " com.example.BetaTests: /tmp/child-made.txt (")
			.contains("one of com.example.AlphaTests#leaks[1], com.example.BetaTests#leaks[1] made it")
			.doesNotContain("from run:");
	}

	@Test
	void aLeakOfADynamicTestReportedByItsFactoryNamesTheDynamicTest() {
		Leak dynamic = new Leak("com.example.FactoryTests#cases[2]", Path.of("/tmp/case.txt"), Leak.Reason.UNTRACKED, 0,
				1, null);

		String message = new TempFileLeakError("com.example.FactoryTests#cases", List.of(dynamic)).getMessage();

		assertThat(message).contains("  from com.example.FactoryTests#cases[2]: /tmp/case.txt (");
	}

}
