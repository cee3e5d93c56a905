package dev.tempguard.internal.runtime;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import dev.tempguard.internal.scope.Scope;

/**
 * A node of a test framework's tree, as an adapter describes it to open its context: a
 * JUnit Platform test or container, a Jupiter extension context, a Spring test.
 *
 * @param uniqueId the framework's unique id (JUnit's), by which the adapters of one node
 * find its context
 * @param parentUniqueId the unique id of its parent, {@code null} for a top-level node
 * @param kind class, container or method
 * @param id the context id: {@code <class>} for a class, {@code <class>#<method>[<n>]}
 * for a test
 * @param displayName how the framework names it for people
 * @param testClass its test class, when it has one
 * @param testMethod its test method, when it has one
 */
public record TestNode(String uniqueId, @Nullable String parentUniqueId, Scope.Kind kind, String id, String displayName,
		@Nullable Class<?> testClass, @Nullable Method testMethod) {

}
