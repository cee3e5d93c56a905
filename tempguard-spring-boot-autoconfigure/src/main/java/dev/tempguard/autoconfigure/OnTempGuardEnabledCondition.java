package dev.tempguard.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.tempguard.spring.testcontext.TempGuardEnabled;

/**
 * Matches unless tempguard is off: {@code tempguard.enabled=false} in the context's
 * settings, or for the whole test run (a JUnit configuration parameter, such as in
 * {@code junit-platform.properties}, which the context's settings do not see).
 */
class OnTempGuardEnabledCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("tempguard enabled");
		String off = TempGuardEnabled.offReason(context.getEnvironment());
		return (off != null) ? ConditionOutcome.noMatch(message.because(off))
				: ConditionOutcome.match(message.because(TempGuardEnabled.PROPERTY + " is not false"));
	}

}
