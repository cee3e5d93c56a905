package dev.tempguard.architecture;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules that keep tempguard's structure: no package cycles, the core's layers
 * depending one way only, no Spring in the core, no internal type in the public API. The
 * modules' architecture tests apply them.
 */
public final class ArchitectureRules {

	private static final String TESTABLE = "org.junit.platform.commons.annotation.Testable";

	/** The core's packages, bottom first: each may depend only on those before it. */
	static final List<String> CORE_LAYERS = List.of("dev.tempguard.agent.boot", "dev.tempguard",
			"dev.tempguard.internal.support", "dev.tempguard.internal.settings", "dev.tempguard.internal.stats",
			"dev.tempguard.internal.scope", "dev.tempguard.internal.cleanup", "dev.tempguard.internal.rundir",
			"dev.tempguard.internal.sweep", "dev.tempguard.internal.leak", "dev.tempguard.internal.report",
			"dev.tempguard.internal.disposition", "dev.tempguard.internal.registry", "dev.tempguard.internal.runtime",
			"dev.tempguard.agent", "dev.tempguard.junit..");

	private ArchitectureRules() {
	}

	/** No two packages of tempguard depend on each other, directly or through others. */
	public static ArchRule noPackageCycles() {
		return slices().assignedFrom(new SliceAssignment() {

			@Override
			public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
				return javaClass.getPackageName().startsWith("dev.tempguard")
						? SliceIdentifier.of(javaClass.getPackageName()) : SliceIdentifier.ignore();
			}

			@Override
			public String getDescription() {
				return "tempguard's packages";
			}

		}).should().beFreeOfCycles();
	}

	/**
	 * Each core package depends only on the packages below it in {@link #CORE_LAYERS}.
	 */
	public static ArchRule coreLayers() {
		Architectures.LayeredArchitecture layers = Architectures.layeredArchitecture()
			.consideringOnlyDependenciesInLayers();
		for (String layer : CORE_LAYERS) {
			layers = layers.layer(layer).definedBy(layer);
		}
		for (int i = 0; i < CORE_LAYERS.size(); i++) {
			String[] below = CORE_LAYERS.subList(0, i).toArray(String[]::new);
			layers = (below.length == 0) ? layers.whereLayer(CORE_LAYERS.get(i)).mayNotAccessAnyLayer()
					: layers.whereLayer(CORE_LAYERS.get(i)).mayOnlyAccessLayers(below);
		}
		return layers;
	}

	/** The core runs without Spring: nothing in it uses a class of Spring's. */
	public static ArchRule noSpring() {
		return noClasses().that()
			.resideInAPackage("dev.tempguard..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework..")
			.as("tempguard's core does not depend on Spring");
	}

	/**
	 * Test classes are named {@code *Tests}: a top-level class with a JUnit test method
	 * (an annotation meta-annotated {@code @Testable}: {@code @Test},
	 * {@code @ParameterizedTest}, ...) ends so, the name the build's test runs pick up.
	 * Nested fixture classes, run only by the tests that launch them, are not concerned.
	 */
	public static ArchRule testClassesAreNamedTests() {
		return classes().that().areTopLevelClasses().and(new DescribedPredicate<JavaClass>("have a JUnit test method") {

			@Override
			public boolean test(JavaClass javaClass) {
				return javaClass.getMethods()
					.stream()
					.anyMatch((method) -> method.isMetaAnnotatedWith(TESTABLE) || method.isAnnotatedWith(TESTABLE));
			}

		}).should().haveSimpleNameEndingWith("Tests");
	}

	/**
	 * The public API ({@code dev.tempguard} and {@code dev.tempguard.junit}) names no
	 * internal type in what it exposes: supertypes and the types of public fields,
	 * parameters, return values and thrown exceptions.
	 */
	public static ArchRule noInternalTypesInPublicApi() {
		return classes().that()
			.resideInAnyPackage("dev.tempguard", "dev.tempguard.junit")
			.and()
			.arePublic()
			.should(new ArchCondition<JavaClass>("expose no internal type in their public signatures") {

				@Override
				public void check(JavaClass javaClass, ConditionEvents events) {
					Set<String> exposed = exposedTypes(javaClass).stream()
						.map(JavaClass::getName)
						.filter((name) -> name.contains(".internal."))
						.collect(Collectors.toCollection(java.util.TreeSet::new));
					for (String name : exposed) {
						events.add(SimpleConditionEvent.violated(javaClass,
								javaClass.getName() + " exposes the internal type " + name));
					}
				}

			});
	}

	private static Set<JavaClass> exposedTypes(JavaClass javaClass) {
		Set<JavaClass> types = new java.util.HashSet<>();
		javaClass.getRawSuperclass().ifPresent(types::add);
		javaClass.getRawInterfaces().forEach(types::add);
		for (JavaField field : javaClass.getFields()) {
			if (isExposed(field.getModifiers())) {
				types.addAll(field.getType().getAllInvolvedRawTypes());
			}
		}
		for (JavaCodeUnit codeUnit : javaClass.getCodeUnits()) {
			if (isExposed(codeUnit.getModifiers())) {
				codeUnit.getParameterTypes().forEach((JavaType type) -> types.addAll(type.getAllInvolvedRawTypes()));
				types.addAll(codeUnit.getReturnType().getAllInvolvedRawTypes());
				codeUnit.getThrowsClause().getTypes().forEach(types::add);
			}
		}
		return types;
	}

	private static boolean isExposed(Set<JavaModifier> modifiers) {
		return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
	}

}
