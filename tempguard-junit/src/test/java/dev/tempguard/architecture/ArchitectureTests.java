package dev.tempguard.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
	void cycleRuleFailsOnTwoPackagesThatUseEachOther() {
		JavaClasses cycle = new ClassFileImporter().importPackages("dev.tempguard.architecture.fixture.cycle");

		assertThat(ArchitectureRules.noPackageCycles().evaluate(cycle).getFailureReport().getDetails())
			.anySatisfy((detail) -> assertThat(detail).contains("Cycle detected")
				.contains("dev.tempguard.architecture.fixture.cycle.a")
				.contains("dev.tempguard.architecture.fixture.cycle.b"));
	}

}
