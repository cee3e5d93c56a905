/**
 * Reporting: what each test did with temporary files, for the end-of-run summary, the
 * report files and the actuator endpoint.
 */
@NullMarked
package dev.tempguard.internal.report;

import org.jspecify.annotations.NullMarked;
