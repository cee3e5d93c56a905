package dev.tempguard.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring module's structure: auto-configuration on top, then the actuator endpoint
 * and meters (which read only the public view) and the Spring TestContext adapter, all
 * over the core.
 */
class SpringModuleArchitectureTests {

	// the packages only this module has: the core's classes come from its jar or its
	// classes directory
	private static final JavaClasses SPRING_MODULE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.tempguard.autoconfigure", "dev.tempguard.actuate", "dev.tempguard.spring");

	@Test
	void packagesAreFreeOfCycles() {
		ArchitectureRules.noPackageCycles().check(SPRING_MODULE);
	}

	@Test
	void testClassesAreNamedTests() {
		// this module's test classes only: the core's are checked in its own build
		ArchitectureRules.testClassesAreNamedTests()
			.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
				.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
				.importPackages("dev.tempguard"));
	}

	@Test
	void endpointAndMetersReadOnlyThePublicView() {
		assertThat(SPRING_MODULE.containPackage("dev.tempguard.actuate.endpoint")).isTrue();
		noClasses().that()
			.resideInAPackage("dev.tempguard.actuate..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.tempguard.internal..", "dev.tempguard.autoconfigure..", "dev.tempguard.spring..")
			.check(SPRING_MODULE);
	}

	@Test
	void testContextAdapterDoesNotReachUpToTheAutoConfiguration() {
		noClasses().that()
			.resideInAPackage("dev.tempguard.spring..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.tempguard.autoconfigure..", "dev.tempguard.actuate..")
			.check(SPRING_MODULE);
	}

	@Test
	void noSpringRuleFailsOnAClassThatUsesSpring() {
		JavaClasses fixture = new ClassFileImporter().importPackages("dev.tempguard.architecture.fixture");

		assertThat(ArchitectureRules.noSpring().evaluate(fixture).getFailureReport().getDetails()).anySatisfy(
				(detail) -> assertThat(detail).contains("SpringUser").contains("org.springframework.util.Assert"));
	}

}
