/**
 * Auto-configuration of the {@code tempguard} actuator endpoint.
 */
@NullMarked
package dev.tempguard.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
