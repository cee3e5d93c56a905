package dev.tempguard.spring.testcontext;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;

import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.leak.LeakDetector;
import dev.tempguard.internal.scope.Scopes;

/**
 * Binds the thread that starts an application context to the run scope until the start is
 * over (ready, or failed), and tells leak detection that what appears meanwhile belongs
 * to the run. Threads that the start creates (server pools) inherit no binding: they
 * count for whichever test is running when they work.
 */
final class StartupScopeBinding implements ApplicationListener<ApplicationEvent> {

	private final Scopes scopes;

	private final LeakDetector leakDetector;

	private final Thread starter = Thread.currentThread();

	private final Scopes.@Nullable Binding previous;

	private final AtomicBoolean done = new AtomicBoolean();

	// Spring Boot's start ends when the application is ready; a plain Spring context's
	// when it is refreshed
	private final boolean springBoot;

	private StartupScopeBinding(TempGuardRuntime runtime, boolean springBoot) {
		this.springBoot = springBoot;
		this.scopes = runtime.scopes();
		this.leakDetector = runtime.leakDetector();
		this.previous = this.scopes.bind(this.scopes.run(), false);
		this.leakDetector.startupBegan();
	}

	static void bind(TempGuardRuntime runtime, ConfigurableApplicationContext context, boolean springBoot) {
		context.addApplicationListener(new StartupScopeBinding(runtime, springBoot));
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		boolean over = event instanceof ApplicationReadyEvent || event instanceof ApplicationFailedEvent
				|| event instanceof ContextClosedEvent || (!this.springBoot && event instanceof ContextRefreshedEvent);
		if (over && Thread.currentThread() == this.starter && this.done.compareAndSet(false, true)) {
			this.scopes.restore(this.previous);
			this.leakDetector.startupEnded();
		}
	}

}
