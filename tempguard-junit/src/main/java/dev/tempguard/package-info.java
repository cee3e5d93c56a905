/**
 * tempguard's public API: {@link dev.tempguard.TempFileRegistry} creates and registers
 * temporary files, each tracked in the context of the running test and deleted after it.
 */
@NullMarked
package dev.tempguard;

import org.jspecify.annotations.NullMarked;
