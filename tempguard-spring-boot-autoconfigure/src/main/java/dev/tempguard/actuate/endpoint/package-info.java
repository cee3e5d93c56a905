/**
 * The {@code tempguard} actuator endpoint: what tempguard tracks now and what it could
 * not delete.
 */
@NullMarked
package dev.tempguard.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
