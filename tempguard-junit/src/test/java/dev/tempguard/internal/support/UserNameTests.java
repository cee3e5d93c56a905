package dev.tempguard.internal.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UserName}: the part of the default root-dir's name that names the
 * user.
 */
class UserNameTests {

	@Test
	void aPlainNameIsKept() {
		assertThat(UserName.forFileName("alice")).isEqualTo("alice");
		assertThat(UserName.forFileName("ci-agent_2.local")).isEqualTo("ci-agent_2.local");
	}

	@Test
	void separatorsSpacesAndNonAsciiLettersBecomeUnderscores() {
		assertThat(UserName.forFileName("CORP\\bob")).isEqualTo("CORP_bob");
		assertThat(UserName.forFileName("../etc")).isEqualTo(".._etc");
		assertThat(UserName.forFileName("José Núñez")).isEqualTo("Jos__N__ez");
		assertThat(UserName.forFileName("a:b*c?d\"e<f>g|h\0i")).isEqualTo("a_b_c_d_e_f_g_h_i");
	}

	@Test
	void aMissingNameIsUnknownAndALongOneIsCut() {
		assertThat(UserName.forFileName(null)).isEqualTo("unknown");
		assertThat(UserName.forFileName("")).isEqualTo("unknown");
		assertThat(UserName.forFileName("x".repeat(300))).isEqualTo("x".repeat(64));
	}

	@Test
	void theCurrentUserIsTheJvmsUserName() {
		assertThat(UserName.current()).isEqualTo(System.getProperty("user.name"));
		assertThat(UserName.forFileName()).isEqualTo(UserName.forFileName(System.getProperty("user.name")));
	}

}
