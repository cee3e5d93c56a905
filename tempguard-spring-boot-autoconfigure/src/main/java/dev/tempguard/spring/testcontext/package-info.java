/**
 * Spring test integration: the listener that scopes and cleans each test, the context
 * customizer that gives application context start-up to the run, and the JUnit Platform
 * listener that ends the run.
 */
@NullMarked
package dev.tempguard.spring.testcontext;

import org.jspecify.annotations.NullMarked;
