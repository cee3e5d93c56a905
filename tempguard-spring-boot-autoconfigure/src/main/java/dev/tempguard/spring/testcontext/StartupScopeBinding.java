package dev.tempguard.spring.testcontext;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
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
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.scope.Scopes;

/**
 * Binds the thread that starts an application context to the run scope until the start is
 * over (ready, or failed), and tells tempguard that what appears meanwhile belongs to the
 * run: a framework's leftovers. Threads that the start creates (server pools) inherit no
 * binding: they count for whichever test is running when they work. Also tells tempguard
 * when the context has closed, after which its leftovers may be deleted.
 */
final class StartupScopeBinding implements ApplicationListener<ApplicationEvent> {

	private final TempGuardRuntime runtime;

	private final Scopes scopes;

	// weak: the test context cache decides how long a context lives
	private final WeakReference<ConfigurableApplicationContext> context;

	// a close began, or the start failed: the context is closed once it is not active
	private volatile boolean ending;

	private final Thread starter = Thread.currentThread();

	private final Scopes.@Nullable Binding previous;

	private final AtomicBoolean done = new AtomicBoolean();

	// the starts this thread began that have not ended: a plain Spring context whose
	// refresh failed sends no event to end its start
	private static final ThreadLocal<List<StartupScopeBinding>> pending = ThreadLocal.withInitial(ArrayList::new);

	// Spring Boot's start ends when the application is ready; a plain Spring context's
	// when it is refreshed
	private final boolean springBoot;

	private StartupScopeBinding(TempGuardRuntime runtime, ConfigurableApplicationContext context, boolean springBoot) {
		this.runtime = runtime;
		this.springBoot = springBoot;
		this.scopes = runtime.scopes();
		this.context = new WeakReference<>(context);
		Scope startedBy = this.scopes.bound();
		this.previous = this.scopes.bind(this.scopes.run(), false);
		runtime.startupBegan(startedBy);
		pending.get().add(this);
		runtime.frameworkLeftovers().contextStarted(this::closed);
	}

	static void bind(TempGuardRuntime runtime, ConfigurableApplicationContext context, boolean springBoot) {
		context.addApplicationListener(new StartupScopeBinding(runtime, context, springBoot));
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ContextClosedEvent || event instanceof ApplicationFailedEvent) {
			this.ending = true;
		}
		boolean over = event instanceof ApplicationReadyEvent || event instanceof ApplicationFailedEvent
				|| event instanceof ContextClosedEvent || (!this.springBoot && event instanceof ContextRefreshedEvent);
		if (over && Thread.currentThread() == this.starter && this.done.compareAndSet(false, true)) {
			pending.get().remove(this);
			this.scopes.restore(this.previous);
			this.runtime.startupEnded();
		}
	}

	/**
	 * Ends the starts the calling thread began and that sent no event to end them (a
	 * plain Spring context whose refresh failed): called where the thread is known to be
	 * done starting contexts, as a test class ends. The thread's binding is the test
	 * listeners' to restore by then.
	 */
	static void endAbandonedStarts() {
		List<StartupScopeBinding> abandoned = pending.get();
		if (abandoned.isEmpty()) {
			return;
		}
		for (StartupScopeBinding binding : List.copyOf(abandoned)) {
			if (binding.done.compareAndSet(false, true)) {
				binding.runtime.startupEnded();
			}
		}
		abandoned.clear();
	}

	// ContextClosedEvent comes first in a close: the context, its web server with it, is
	// closed once it is no longer active
	private boolean closed() {
		ConfigurableApplicationContext current = this.context.get();
		return current == null || (this.ending && !current.isActive());
	}

}
