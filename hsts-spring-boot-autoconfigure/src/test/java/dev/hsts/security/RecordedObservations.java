package dev.hsts.security;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.context.annotation.Bean;

/**
 * The application's observation registry (the one Spring Security observes requests
 * with), recording the name of every observation that starts.
 */
class RecordedObservations {

	private final List<String> names = new CopyOnWriteArrayList<>();

	@Bean
	ObservationRegistry observationRegistry() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				RecordedObservations.this.names.add(context.getName());
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		return registry;
	}

	/** The observations of Spring Security that started so far, by name. */
	List<String> springSecurity() {
		return this.names.stream().filter((name) -> name.startsWith("spring.security.")).toList();
	}

}
