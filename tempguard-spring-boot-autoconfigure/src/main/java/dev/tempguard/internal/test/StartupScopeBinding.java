package dev.tempguard.internal.test;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import dev.tempguard.internal.scope.Scopes;

/**
 * Binds the thread that starts an application context to the run scope until the start is over (ready, or
 * failed). Threads that the start creates (server pools) inherit no binding: they count for whichever test
 * is running when they work.
 */
final class StartupScopeBinding implements ApplicationListener<ApplicationEvent> {

	private final Scopes scopes;

	private final Thread starter = Thread.currentThread();

	private final Scopes.@Nullable Binding previous;

	private final AtomicBoolean done = new AtomicBoolean();

	private StartupScopeBinding(Scopes scopes) {
		this.scopes = scopes;
		this.previous = scopes.bind(scopes.run(), false);
		scopes.startupBegan();
	}

	static void bind(Scopes scopes, ConfigurableApplicationContext context) {
		context.addApplicationListener(new StartupScopeBinding(scopes));
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		boolean over = event instanceof ApplicationReadyEvent || event instanceof ApplicationFailedEvent
				|| event instanceof ContextClosedEvent;
		if (over && Thread.currentThread() == this.starter && this.done.compareAndSet(false, true)) {
			this.scopes.restore(this.previous);
			this.scopes.startupEnded();
		}
	}

}
