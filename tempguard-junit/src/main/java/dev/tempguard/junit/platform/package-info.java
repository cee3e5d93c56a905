/**
 * The JUnit Platform integration: the launcher listener that ends the run.
 */
@NullMarked
package dev.tempguard.junit.platform;

import org.jspecify.annotations.NullMarked;
