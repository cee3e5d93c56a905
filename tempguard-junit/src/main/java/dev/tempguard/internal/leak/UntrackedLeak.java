package dev.tempguard.internal.leak;

import dev.tempguard.Leak;
import dev.tempguard.internal.scope.Scope;

/**
 * An untracked leak and the context it is reported against, whose {@code @AllowLeaks}
 * (and its enclosing contexts') may allow it: for one the run held, the test whose thread
 * made it after the test's class ended, else the run.
 *
 * @param leak the leak
 * @param origin the context whose id the leak names
 */
public record UntrackedLeak(Leak leak, Scope origin) {

}
