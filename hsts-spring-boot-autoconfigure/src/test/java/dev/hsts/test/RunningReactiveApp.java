package dev.hsts.test;

import java.util.ArrayList;
import java.util.List;

import dev.hsts.autoconfigure.SecurityHeadersFindings;
import dev.hsts.core.Finding;

import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.util.ClassUtils;

/**
 * A real WebFlux application on a random loopback port, on Reactor Netty (Boot's default
 * for WebFlux) or on Tomcat, started with the given properties; the reactive counterpart
 * of {@link RunningApp}.
 * <p>
 * The test class path has both Tomcat (for the servlet tests) and Reactor Netty, and the
 * two Boot lines pick differently when both are there (Boot 3.5 imports its embedded
 * Tomcat configuration first; Boot 4 has one auto-configuration per server), so the
 * server is chosen explicitly: a bean definition of the server's
 * {@code ReactiveWebServerFactory} class (whose package depends on the Boot line) is
 * registered before the configuration classes are read, so Boot's own factory bean steps
 * back ({@code @ConditionalOnMissingBean}) while Boot's customizers (port, address,
 * {@code server.ssl.*}, {@code server.forward-headers-strategy}, {@code server.tomcat.*},
 * {@code server.netty.*}) still apply to it as to the factory Boot would have made. Its
 * collection setters (Tomcat's connector, context and protocol handler customizers,
 * Netty's server customizers and resource factory) are autowired by type, as Boot's
 * factory methods pass them the same beans.
 */
public final class RunningReactiveApp implements AutoCloseable {

	/** The name of the bean definition of the chosen server's factory. */
	public static final String FACTORY_BEAN_NAME = "testReactiveWebServerFactory";

	private static final String REACTOR_LOOP_RESOURCES = "reactor.netty.resources.LoopResources";

	/** The system property that names the server of tests that name none. */
	public static final String DEFAULT_PROPERTY = "hsts.test.reactive-server";

	/** The reactive servers the tests run on. */
	public enum Server {

		/** Reactor Netty, Boot's default for WebFlux. */
		NETTY("org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory",
				"org.springframework.boot.web.embedded.netty.NettyReactiveWebServerFactory"),

		/** Tomcat running WebFlux ("Tomcat reactive"). */
		TOMCAT("org.springframework.boot.tomcat.reactive.TomcatReactiveWebServerFactory",
				"org.springframework.boot.web.embedded.tomcat.TomcatReactiveWebServerFactory");

		private final String boot4;

		private final String boot35;

		Server(String boot4, String boot35) {
			this.boot4 = boot4;
			this.boot35 = boot35;
		}

		/**
		 * The server's {@code ReactiveWebServerFactory} class on the Boot line on the
		 * class path (Boot 4 moved it to its own module and package).
		 * @return the class
		 */
		public Class<?> factoryClass() {
			ClassLoader loader = RunningReactiveApp.class.getClassLoader();
			String name = ClassUtils.isPresent(this.boot4, loader) ? this.boot4 : this.boot35;
			try {
				return ClassUtils.forName(name, loader);
			}
			catch (ClassNotFoundException | LinkageError ex) {
				throw new IllegalStateException("Neither " + this.boot4 + " nor " + this.boot35 + " can be loaded", ex);
			}
		}

		@Override
		public String toString() {
			return (this == NETTY) ? "Netty" : "Tomcat reactive";
		}

		/**
		 * The server a test that names none runs on: Reactor Netty, Boot's default for
		 * WebFlux; Tomcat where the system property {@value #DEFAULT_PROPERTY} is
		 * {@code tomcat} (the webflux-tomcat-tests module, which has no Netty on its
		 * class path, runs this module's reactive tests that way). Any other value than
		 * {@code tomcat} or {@code netty} fails the test.
		 * @return the server
		 */
		public static Server byDefault() {
			String name = System.getProperty(DEFAULT_PROPERTY);
			if (name == null || name.equals("netty")) {
				return NETTY;
			}
			if (name.equals("tomcat")) {
				return TOMCAT;
			}
			throw new IllegalStateException(
					DEFAULT_PROPERTY + "=" + name + " names no server the tests run on: use tomcat or netty");
		}

		/**
		 * The servers a test that runs on each server runs on: both; only Tomcat where
		 * {@link #byDefault()} is Tomcat (no Netty on the class path).
		 * @return the servers, Reactor Netty first where it is one of them
		 */
		public static List<Server> ofThisRun() {
			return (byDefault() == TOMCAT) ? List.of(TOMCAT) : List.of(values());
		}

	}

	private final ConfigurableApplicationContext context;

	private final Server server;

	private final boolean tls;

	private RunningReactiveApp(ConfigurableApplicationContext context, Server server, boolean tls) {
		this.context = context;
		this.server = server;
		this.tls = tls;
	}

	/**
	 * Starts {@code sources} on the default server ({@link Server#byDefault()}) on a
	 * random port over HTTPS with the {@link TestTls} certificate.
	 * @param sources the configuration classes
	 * @param properties more properties, {@code name=value}
	 * @return the running application
	 */
	public static RunningReactiveApp https(Class<?>[] sources, String... properties) {
		return https(Server.byDefault(), sources, properties);
	}

	/**
	 * Starts {@code sources} on {@code server} on a random port over HTTPS with the
	 * {@link TestTls} certificate.
	 * @param server the server
	 * @param sources the configuration classes
	 * @param properties more properties, {@code name=value}
	 * @return the running application
	 */
	public static RunningReactiveApp https(Server server, Class<?>[] sources, String... properties) {
		List<String> all = new ArrayList<>(TestTls.get().serverProperties());
		all.addAll(List.of(properties));
		return start(server, true, sources, all);
	}

	/**
	 * Starts {@code sources} on the default server over HTTPS with an application class
	 * loader of the test's choosing (say, one that hides Spring Security).
	 */
	public static RunningReactiveApp https(ClassLoader classLoader, Class<?>[] sources, String... properties) {
		List<String> all = new ArrayList<>(TestTls.get().serverProperties());
		all.addAll(List.of(properties));
		return start(classLoader, Server.byDefault(), true, sources, all);
	}

	/**
	 * Starts {@code sources} on the default server over plain HTTP with an application
	 * class loader of the test's choosing.
	 */
	public static RunningReactiveApp plain(ClassLoader classLoader, Class<?>[] sources, String... properties) {
		return start(classLoader, Server.byDefault(), false, sources, List.of(properties));
	}

	/** Starts {@code sources} on the default server on a random port over plain HTTP. */
	public static RunningReactiveApp plain(Class<?>[] sources, String... properties) {
		return plain(Server.byDefault(), sources, properties);
	}

	/** Starts {@code sources} on {@code server} on a random port over plain HTTP. */
	public static RunningReactiveApp plain(Server server, Class<?>[] sources, String... properties) {
		return start(server, false, sources, List.of(properties));
	}

	private static RunningReactiveApp start(Server server, boolean tls, Class<?>[] sources, List<String> properties) {
		return start(null, server, tls, sources, properties);
	}

	private static RunningReactiveApp start(ClassLoader classLoader, Server server, boolean tls, Class<?>[] sources,
			List<String> properties) {
		// Each application has event loops of its own (serverChoice), shut down without a
		// quiet period when it closes.
		List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"spring.main.banner-mode=off", "spring.reactor.netty.shutdown-quiet-period=0s"));
		all.addAll(properties);
		SpringApplicationBuilder builder = new SpringApplicationBuilder(sources).web(WebApplicationType.REACTIVE)
			.properties(all.toArray(new String[0]))
			.initializers(serverChoice(server));
		if (classLoader != null) {
			builder.resourceLoader(new DefaultResourceLoader(classLoader));
		}
		SpringApplication application = builder.build();
		return new RunningReactiveApp(application.run(), server, tls);
	}

	/**
	 * Registers the bean definition of {@code server}'s factory, before the configuration
	 * classes (and so Boot's {@code @ConditionalOnMissingBean} factory methods) are read.
	 */
	private static ApplicationContextInitializer<ConfigurableApplicationContext> serverChoice(Server server) {
		return (context) -> {
			RootBeanDefinition factory = new RootBeanDefinition(server.factoryClass());
			factory.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_BY_TYPE);
			((BeanDefinitionRegistry) context).registerBeanDefinition(FACTORY_BEAN_NAME, factory);
			ownEventLoops().initialize(context);
		};
	}

	/**
	 * Gives an application Reactor Netty event loops of its own (Boot's default shares
	 * Reactor Netty's global ones with every application in the JVM): an application that
	 * closes, or fails to start, disposes its loops, never those of an application
	 * started after it. Add it to every reactive application a test starts itself.
	 * @return the initializer
	 */
	public static ApplicationContextInitializer<ConfigurableApplicationContext> ownEventLoops() {
		return (context) -> {
			if (!ClassUtils.isPresent(REACTOR_LOOP_RESOURCES, context.getClassLoader())) {
				// No Reactor Netty on the class path (webflux-tomcat-tests): no loops.
				return;
			}
			RootBeanDefinition resources = new RootBeanDefinition(ReactorResourceFactory.class);
			resources.getPropertyValues().add("useGlobalResources", false);
			((BeanDefinitionRegistry) context).registerBeanDefinition("reactorResourceFactory", resources);
		};
	}

	/** The server it runs on. */
	public Server server() {
		return this.server;
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

	/**
	 * A client for this server over HTTPS. A new one, so a new connection, per call: on
	 * Boot 3.5's Reactor Netty (1.2.14, Netty 4.1.130), a kept-alive TLS connection that
	 * served a static resource sometimes never answers a later request, with or without
	 * the starter.
	 */
	public Http https() {
		if (!this.tls) {
			throw new IllegalStateException("Started over plain HTTP");
		}
		return Http.https(port());
	}

	/** A client for this server over plain HTTP (a new one per call). */
	public Http plain() {
		if (this.tls) {
			throw new IllegalStateException("Started over HTTPS");
		}
		return Http.plain(port());
	}

	/** A raw socket client for this server, over TLS or plain as it was started. */
	public RawHttp raw() {
		return this.tls ? RawHttp.https(port()) : RawHttp.plain(port());
	}

	@Override
	public void close() {
		this.context.close();
	}

	@Override
	public String toString() {
		return this.server + (this.tls ? " over TLS" : " over plain HTTP");
	}

}
