package dev.hsts.refresh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.hsts.sample.SampleApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * {@link AbstractFleetRefreshOverTlsTest} on Tomcat: two replicas of the sample app
 * ({@link SampleApplication}, with Spring Security: the actuator asks for the user
 * {@code ops}).
 */
class FleetRefreshOverTlsTest extends AbstractFleetRefreshOverTlsTest {

	@Override
	Path certificate() {
		return this.work.resolve("certificate/sample-app.p12");
	}

	/**
	 * A replica of the sample app, started as its {@code main} starts it, with the
	 * fleet's arguments and no plain-HTTP connector. {@link RefreshEndpointSecurity} lets
	 * {@code POST /actuator/refresh} through the sample's CSRF protection.
	 * {@link WithoutWebFluxSample} keeps the WebFlux sample's classes, compiled into this
	 * module's tests too and in a package under the sample app's, out of its component
	 * scan.
	 */
	@Override
	ConfigurableApplicationContext startReplica(List<String> arguments) {
		List<String> args = new ArrayList<>(arguments);
		args.add("--security.headers.https-redirect.http-port=");
		return new SpringApplicationBuilder(SampleApplication.class, RefreshEndpointSecurity.class)
			.initializers((context) -> context.getBeanFactory()
				.registerSingleton(WithoutWebFluxSample.class.getName(), new WithoutWebFluxSample()))
			.run(args.toArray(new String[0]));
	}

	/**
	 * Leaves {@code dev.hsts.sample.webflux} out of {@code @SpringBootApplication}'s scan
	 * of {@code dev.hsts.sample} (its {@link TypeExcludeFilter} asks every bean of this
	 * type).
	 */
	static final class WithoutWebFluxSample extends TypeExcludeFilter {

		@Override
		public boolean match(MetadataReader metadataReader, MetadataReaderFactory metadataReaderFactory)
				throws IOException {
			return metadataReader.getClassMetadata().getClassName().startsWith("dev.hsts.sample.webflux.");
		}

		@Override
		public boolean equals(Object obj) {
			return obj instanceof WithoutWebFluxSample;
		}

		@Override
		public int hashCode() {
			return WithoutWebFluxSample.class.hashCode();
		}

	}

}
