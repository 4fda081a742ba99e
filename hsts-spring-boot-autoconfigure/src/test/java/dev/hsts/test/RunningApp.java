package dev.hsts.test;

import java.util.ArrayList;
import java.util.List;

import dev.hsts.autoconfigure.SecurityHeadersFindings;
import dev.hsts.core.Finding;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real application on embedded Tomcat on a random loopback port, started with the given
 * properties, for table-driven tests that need one server per configuration.
 */
public final class RunningApp implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private RunningApp(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts {@code sources} on a random port over HTTPS with the {@link TestTls}
	 * certificate.
	 * @param sources the configuration classes
	 * @param properties more properties, {@code name=value}
	 * @return the running application
	 */
	public static RunningApp https(Class<?>[] sources, String... properties) {
		List<String> all = new ArrayList<>(TestTls.get().serverProperties());
		all.addAll(List.of(properties));
		return start(sources, all);
	}

	/**
	 * Starts {@code sources} over HTTPS with an application class loader of the test's
	 * choosing (say, one that hides Spring Security).
	 */
	public static RunningApp https(ClassLoader classLoader, Class<?>[] sources, String... properties) {
		List<String> all = new ArrayList<>(TestTls.get().serverProperties());
		all.addAll(List.of(properties));
		return start(classLoader, sources, all);
	}

	/** Starts {@code sources} on a random port over plain HTTP. */
	public static RunningApp plain(Class<?>[] sources, String... properties) {
		return start(sources, List.of(properties));
	}

	/**
	 * Starts {@code sources} over plain HTTP with an application class loader of the
	 * test's choosing.
	 */
	public static RunningApp plain(ClassLoader classLoader, Class<?>[] sources, String... properties) {
		return start(classLoader, sources, List.of(properties));
	}

	private static RunningApp start(Class<?>[] sources, List<String> properties) {
		return start(null, sources, properties);
	}

	private static RunningApp start(ClassLoader classLoader, Class<?>[] sources, List<String> properties) {
		List<String> all = new ArrayList<>(
				List.of("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off"));
		all.addAll(properties);
		SpringApplicationBuilder builder = new SpringApplicationBuilder(sources).web(WebApplicationType.SERVLET)
			.properties(all.toArray(new String[0]));
		if (classLoader != null) {
			builder.resourceLoader(new DefaultResourceLoader(classLoader));
		}
		return new RunningApp(builder.build().run());
	}

	/** The port the server listens on. */
	public int port() {
		return Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	/** The application context. */
	public ConfigurableApplicationContext context() {
		return this.context;
	}

	/** The codes of the starter's findings now, most serious first. */
	public List<String> findingCodes() {
		return this.context.getBean(SecurityHeadersFindings.class).findings().stream().map(Finding::code).toList();
	}

	/** A client for this server over HTTPS. */
	public Http https() {
		return Http.https(port());
	}

	/** A client for this server over plain HTTP. */
	public Http plain() {
		return Http.plain(port());
	}

	@Override
	public void close() {
		this.context.close();
	}

}
