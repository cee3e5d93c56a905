/**
 * What the advice in the JDK calls: defined in the bootstrap class loader, it sees only
 * the JDK.
 */
package dev.tempguard.agent.boot;
