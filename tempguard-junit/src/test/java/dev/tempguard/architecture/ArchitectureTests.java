package dev.tempguard.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tempguard.architecture.fixture.naming.MisnamedCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core's structure: checked on its main classes, and each rule shown to fail on code
 * that breaks it.
 */
class ArchitectureTests {

	private static final JavaClasses CORE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
		.importPackages("dev.tempguard");

	@Test
	void corePackagesAreFreeOfCycles() {
		ArchitectureRules.noPackageCycles().check(CORE);
	}

	@Test
	void corePackagesDependOnlyOnTheLayersBelowThem() {
		ArchitectureRules.coreLayers().check(CORE);
	}

	@Test
	void coreDoesNotDependOnSpring() {
		assertThat(CORE.containPackage("dev.tempguard.internal.runtime")).isTrue();
		ArchitectureRules.noSpring().check(CORE);
	}

	@Test
	void publicApiExposesNoInternalType() {
		ArchitectureRules.noInternalTypesInPublicApi().check(CORE);
	}

	@Test
	void testClassesAreNamedTests() {
		ArchitectureRules.testClassesAreNamedTests()
			.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
				.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
				.importPackages("dev.tempguard")
				// the fixture the next test plants
				.that(JavaClass.Predicates.resideOutsideOfPackage("dev.tempguard.architecture.fixture..")));
	}

	@Test
	void namingRuleFailsOnATestClassNamedOtherwise() {
		JavaClasses misnamed = new ClassFileImporter().importPackages("dev.tempguard.architecture.fixture.naming");

		assertThat(ArchitectureRules.testClassesAreNamedTests().evaluate(misnamed).getFailureReport().getDetails())
			.anySatisfy((detail) -> assertThat(detail).contains(MisnamedCheck.class.getName()));
	}

	@Test
	void cycleRuleFailsOnTwoPackagesThatUseEachOther() {
		JavaClasses cycle = new ClassFileImporter().importPackages("dev.tempguard.architecture.fixture.cycle");

		assertThat(ArchitectureRules.noPackageCycles().evaluate(cycle).getFailureReport().getDetails())
			.anySatisfy((detail) -> assertThat(detail).contains("Cycle detected")
				.contains("dev.tempguard.architecture.fixture.cycle.a")
				.contains("dev.tempguard.architecture.fixture.cycle.b"));
	}

}
