/**
 * tempguard for JUnit Jupiter: {@link dev.tempguard.junit.TempGuardExtension}.
 */
@NullMarked
package dev.tempguard.junit;

import org.jspecify.annotations.NullMarked;
