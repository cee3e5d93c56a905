package dev.tempguard.spring.testcontext;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.TestContext;

import dev.tempguard.TempFileRegistry;
import dev.tempguard.TempGuardView;

/**
 * Fails a test that injects tempguard's {@link TempFileRegistry} (or
 * {@link TempGuardView}) into a field or a method where tempguard is off, naming
 * {@code tempguard.enabled} and where it was set, instead of letting Spring fail it with
 * a bare {@code NoSuchBeanDefinitionException}. Runs before Spring injects the test
 * instance; only such a test has its application context loaded here, as injection would
 * next. A constructor is resolved earlier, by Spring's JUnit extension, out of reach.
 */
final class RegistryInjectionCheck {

	private RegistryInjectionCheck() {
	}

	static void failIfOff(TestContext testContext) {
		Class<?> injected = injectedType(testContext.getTestClass());
		if (injected == null) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		if (context.getBeanNamesForType(injected).length > 0) {
			return;
		}
		String off = TempGuardEnabled.offReason(context.getEnvironment());
		if (off != null) {
			throw new IllegalStateException(testContext.getTestClass().getName() + " injects a "
					+ injected.getSimpleName() + ", but tempguard is off: " + off + ". Remove "
					+ TempGuardEnabled.PROPERTY + "=false to use tempguard, or do not inject its "
					+ injected.getSimpleName() + " in tests whose application context has tempguard off.");
		}
	}

	// the type of tempguard's that a field or a method of the test class requires, or
	// null
	private static @Nullable Class<?> injectedType(Class<?> testClass) {
		for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (required(field) && isTempGuards(field.getType())) {
					return field.getType();
				}
			}
			for (Method method : type.getDeclaredMethods()) {
				if (required(method)) {
					for (Class<?> parameter : method.getParameterTypes()) {
						if (isTempGuards(parameter)) {
							return parameter;
						}
					}
				}
			}
		}
		return null;
	}

	private static boolean required(AnnotatedElement element) {
		Autowired autowired = AnnotatedElementUtils.findMergedAnnotation(element, Autowired.class);
		return (autowired != null && autowired.required()) || Arrays.stream(element.getAnnotations())
			.anyMatch((annotation) -> annotation.annotationType().getName().endsWith(".inject.Inject"));
	}

	private static boolean isTempGuards(Class<?> type) {
		return type == TempFileRegistry.class || type == TempGuardView.class;
	}

}
