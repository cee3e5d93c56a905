package dev.tempguard.internal.disposition;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.platform.commons.support.AnnotationSupport;

import dev.tempguard.AllowLeaks;
import dev.tempguard.Leak;
import dev.tempguard.internal.scope.Scope;

/**
 * The {@link AllowLeaks} annotations that apply to a test context: its own (read when it
 * is opened, from its test method or class) and those of the contexts enclosing it (its
 * class, the {@code @Nested} class's enclosing class).
 */
public final class Allowances {

	private Allowances() {
	}

	/**
	 * The {@link AllowLeaks} of a test method or class: on it, on an annotation on it,
	 * or, for a class, on a superclass.
	 * @param element the test method or class, {@code null} when there is none
	 * @return the annotation, or nothing
	 */
	public static List<AllowLeaks> declaredOn(@Nullable AnnotatedElement element) {
		if (element == null) {
			return List.of();
		}
		return AnnotationSupport.findAnnotation(element, AllowLeaks.class).map(List::of).orElse(List.of());
	}

	/**
	 * Checks the annotations of {@code scope}'s own method or class.
	 * @throws IllegalArgumentException naming the test, for an annotation without a
	 * reason or with a path or site that is not one
	 */
	public static void check(Scope scope) {
		for (AllowLeaks annotation : scope.allowLeaks()) {
			Allowance.of(annotation, scope.id());
		}
	}

	/**
	 * What the valid annotations of {@code scope} and its enclosing contexts that are
	 * narrowed to paths or sites allow, for the message of a leak none of them allowed;
	 * {@code null} when none is narrowed.
	 */
	public static @Nullable String narrowed(Scope scope) {
		List<String> narrowed = new ArrayList<>();
		for (Scope current = scope; current != null; current = current.parent()) {
			for (AllowLeaks annotation : current.allowLeaks()) {
				if (annotation.paths().length == 0 && annotation.sites().length == 0) {
					continue;
				}
				try {
					Allowance.of(annotation, current.id());
				}
				catch (IllegalArgumentException ex) {
					continue;
				}
				List<String> what = new ArrayList<>();
				if (annotation.paths().length > 0) {
					what.add("paths " + String.join(", ", annotation.paths()));
				}
				if (annotation.sites().length > 0) {
					what.add("leaks made at " + String.join(", ", annotation.sites()));
				}
				narrowed.add("@AllowLeaks on " + current.id() + " allows only " + String.join(" and ", what));
			}
		}
		return narrowed.isEmpty() ? null : String.join("; ", narrowed);
	}

	/**
	 * The annotation that allows {@code leak} in {@code scope}, its own before its
	 * enclosing contexts'; {@code null} when none does. An annotation that is not valid
	 * allows nothing (the test fails for it).
	 */
	static @Nullable Allowance allowing(Scope scope, Leak leak) {
		for (Scope current = scope; current != null; current = current.parent()) {
			for (AllowLeaks annotation : current.allowLeaks()) {
				Allowance allowance;
				try {
					allowance = Allowance.of(annotation, current.id());
				}
				catch (IllegalArgumentException ex) {
					continue;
				}
				if (allowance.allows(leak)) {
					return allowance;
				}
			}
		}
		return null;
	}

}
