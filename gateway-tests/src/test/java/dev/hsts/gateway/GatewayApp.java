package dev.hsts.gateway;

import java.util.ArrayList;
import java.util.List;

import dev.hsts.test.Http;
import dev.hsts.test.TestTls;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A running Spring Cloud Gateway ({@link GatewayApplication}) with the starter, on
 * Reactor Netty on a random loopback port, whose routes lead to a {@link Backend}:
 * <ul>
 * <li>{@code /backend/**}: to the backend, without the {@code /backend} prefix</li>
 * <li>{@code /down/**}: to a loopback port nothing listens on</li>
 * <li>{@code /slow/**}: to the backend, with a response timeout of
 * {@value #SLOW_ROUTE_TIMEOUT_MILLIS} ms</li>
 * <li>{@code /backend-without-its-hsts/**}: to the backend, dropping the backend's own
 * Strict-Transport-Security ({@code RemoveResponseHeader})</li>
 * </ul>
 * Any other path matches no route.
 */
final class GatewayApp implements AutoCloseable {

	private static final String ROUTES = "spring.cloud.gateway.server.webflux.routes";

	/**
	 * How long the gateway waits for the backend on {@code /slow/**} before it answers
	 * 504 itself.
	 */
	static final int SLOW_ROUTE_TIMEOUT_MILLIS = 300;

	/** The one host the gateways serve. */
	static final String HOST = "app.example.com";

	private final ConfigurableApplicationContext context;

	private GatewayApp(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts a gateway over HTTPS with the {@link TestTls} certificate.
	 * @param backend where the routes lead
	 * @param properties more properties, {@code name=value}
	 * @return the running gateway
	 */
	static GatewayApp https(Backend backend, String... properties) {
		List<String> all = new ArrayList<>(TestTls.get().serverProperties());
		all.addAll(List.of(properties));
		return start(backend, all);
	}

	/** Starts a gateway over plain HTTP. */
	static GatewayApp plain(Backend backend, String... properties) {
		return start(backend, List.of(properties));
	}

	private static GatewayApp start(Backend backend, List<String> properties) {
		String backendUri = "http://127.0.0.1:" + backend.port();
		List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"spring.main.banner-mode=off", "security.headers.trusted-hosts.allowed=" + HOST));
		// The routes as a user configures them, under Spring Cloud Gateway 5.0's prefix.
		// (Spring Cloud 2025.1.4's compatibility verifier is off by default and accepts
		// Boot 4.0.x and 4.1.x anyway: nothing to switch off on Boot 4.1.)
		all.addAll(route(0, "backend", backendUri, "/backend/**"));
		all.addAll(route(1, "down", "http://127.0.0.1:" + Backend.closedPort(), "/down/**"));
		all.addAll(route(2, "slow", backendUri, "/slow/**"));
		all.add(ROUTES + "[2].metadata.response-timeout=" + SLOW_ROUTE_TIMEOUT_MILLIS);
		all.addAll(route(3, "backend-without-its-hsts", backendUri, "/backend-without-its-hsts/**"));
		all.add(ROUTES + "[3].filters[1]=RemoveResponseHeader=Strict-Transport-Security");
		all.addAll(properties);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class)
			.web(WebApplicationType.REACTIVE)
			.properties(all.toArray(new String[0]))
			.run();
		return new GatewayApp(context);
	}

	private static List<String> route(int index, String id, String uri, String path) {
		String route = ROUTES + "[" + index + "]";
		return List.of(route + ".id=" + id, route + ".uri=" + uri, route + ".predicates[0]=Path=" + path,
				route + ".filters[0]=StripPrefix=1");
	}

	/** The port the gateway listens on. */
	int port() {
		return Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	/** A client for this gateway over HTTPS. */
	Http https() {
		return Http.https(port());
	}

	/** A client for this gateway over plain HTTP. */
	Http plain() {
		return Http.plain(port());
	}

	@Override
	public void close() {
		this.context.close();
	}

}
