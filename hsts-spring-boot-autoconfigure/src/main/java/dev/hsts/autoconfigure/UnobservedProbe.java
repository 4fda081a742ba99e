package dev.hsts.autoconfigure;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.context.ApplicationContext;

/**
 * Keeps the starter's probes of the application's Spring Security configuration
 * ({@link SpringSecurityProbe}, {@link ReactiveSpringSecurityProbe}) out of the
 * application's observations. A probe runs Spring Security's authorization (on WebFlux,
 * its whole filter chain) on a stand-in request that is never sent; where the application
 * observes Spring Security (Micrometer's {@link ObservationRegistry}, as Spring Boot's
 * actuator sets it up), each probe would be recorded as a request: an anonymous
 * authorization in {@code spring.security.authorizations}, denied with an
 * {@code AccessDeniedException} where the endpoint is protected, and a span where tracing
 * is on. It also cost the start-up what the first observation of each kind costs (about
 * 30 ms on the servlet sample).
 *
 * <p>
 * A probe runs between {@link #start(ApplicationContext)} and {@link #end()}: an
 * {@link ObservationPredicate}, added once to the application's registry, turns off every
 * observation made on the probing thread while the probe runs, and lets every other
 * observation through (outside a probe, at the cost of one volatile read). A part of a
 * probe that runs on another thread is observed as before.
 */
final class UnobservedProbe implements ObservationPredicate {

	private static final UnobservedProbe INSTANCE = new UnobservedProbe();

	/** The registries the predicate was added to (each gets it once). */
	private static final Set<ObservationRegistry> REGISTRIES = Collections
		.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	/** How many probes run now, on any thread. */
	private static final AtomicInteger RUNNING = new AtomicInteger();

	/** Set on the thread a probe runs on, while it runs. */
	private static final ThreadLocal<Boolean> PROBING = new ThreadLocal<>();

	private UnobservedProbe() {
	}

	/**
	 * Starts a probe on this thread: until it is closed, no observation made on this
	 * thread reaches the application's unique {@link ObservationRegistry} bean's
	 * handlers.
	 * @param context the context whose registry Spring Security observes with
	 * @return the probe, to {@linkplain #end() end} when it is done
	 */
	static UnobservedProbe start(ApplicationContext context) {
		ObservationRegistry registry = context.getBeanProvider(ObservationRegistry.class).getIfUnique();
		if (registry != null && !registry.isNoop() && REGISTRIES.add(registry)) {
			registry.observationConfig().observationPredicate(INSTANCE);
		}
		RUNNING.incrementAndGet();
		PROBING.set(Boolean.TRUE);
		return INSTANCE;
	}

	/** Ends the probe on this thread. */
	void end() {
		PROBING.remove();
		RUNNING.decrementAndGet();
	}

	@Override
	public boolean test(String name, Observation.Context context) {
		return RUNNING.get() == 0 || PROBING.get() == null;
	}

}
