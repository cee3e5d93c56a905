package dev.tempguard.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import org.jspecify.annotations.Nullable;

/**
 * Applies advice to a fixed set of JDK classes that are already loaded, by retransforming
 * them: only visitors, no new members. A plain transformer rather than Byte Buddy's
 * {@code AgentBuilder}, which on JDK 24 and later prints a warning about
 * {@code sun.misc.Unsafe} and walks every loaded class. The current bytes are decorated,
 * so another agent's changes (Mockito's) are kept.
 */
final class JdkTransformer implements ClassFileTransformer {

	private final Map<String, List<AsmVisitorWrapper>> plans = new LinkedHashMap<>();

	private final Map<String, Class<?>> targets = new LinkedHashMap<>();

	private final List<String> errors = new ArrayList<>();

	private final ByteBuddy byteBuddy = new ByteBuddy().with(TypeValidation.DISABLED)
		.with(Implementation.Context.Disabled.Factory.INSTANCE);

	JdkTransformer add(Class<?> type, AsmVisitorWrapper wrapper) {
		String internalName = type.getName().replace('.', '/');
		this.plans.computeIfAbsent(internalName, (name) -> new ArrayList<>()).add(wrapper);
		this.targets.put(internalName, type);
		return this;
	}

	void install(Instrumentation instrumentation) throws UnmodifiableClassException {
		instrumentation.addTransformer(this, true);
		instrumentation.retransformClasses(this.targets.values().toArray(new Class<?>[0]));
	}

	synchronized List<String> errors() {
		return List.copyOf(this.errors);
	}

	@Override
	public byte @Nullable [] transform(@Nullable Module module, @Nullable ClassLoader loader, String className,
			@Nullable Class<?> classBeingRedefined, @Nullable ProtectionDomain protectionDomain, byte[] buffer) {
		List<AsmVisitorWrapper> wrappers = this.plans.get(className);
		if (loader != null || classBeingRedefined == null || wrappers == null) {
			return null;
		}
		try {
			ClassFileLocator locator = new ClassFileLocator.Compound(
					ClassFileLocator.Simple.of(classBeingRedefined.getName(), buffer),
					ClassFileLocator.ForClassLoader.ofBootLoader());
			DynamicType.Builder<?> builder = this.byteBuddy
				.decorate(TypeDescription.ForLoadedType.of(classBeingRedefined), locator);
			for (AsmVisitorWrapper wrapper : wrappers) {
				builder = builder.visit(wrapper);
			}
			return builder.make().getBytes();
		}
		catch (Throwable ex) {
			// never break the JDK class: it stays as it was
			synchronized (this) {
				this.errors.add(className + ": " + ex);
			}
			return null;
		}
	}

}
