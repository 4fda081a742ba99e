package dev.hsts.reactive;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.stream.Stream;

import dev.hsts.test.RunningReactiveApp;
import dev.hsts.test.RunningReactiveApp.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link RunningReactiveApp} runs the server it was asked for, configured as Boot
 * configures the server it picks itself: {@code server.ssl.*} (the test certificate is
 * served), {@code server.address} (loopback IPv4 only), a random port; and without Spring
 * Security, whose reactive auto-configuration the test applications exclude (with it, an
 * unauthenticated request would get a 401).
 */
class ReactiveServerChoiceTest {

	@ParameterizedTest
	@EnumSource(Server.class)
	void theChosenServerIsTheOnlyReactiveServerAndGetsBootsCustomizers(Server server) throws IOException {
		try (RunningReactiveApp app = RunningReactiveApp.https(server,
				new Class<?>[] { ReactiveResponseKindsApplication.class })) {
			// Boot 4: org.springframework.boot.web.server.reactive; Boot 3.5:
			// org.springframework.boot.web.reactive.server.
			Class<?> factoryType = Stream
				.of("org.springframework.boot.web.server.reactive.ReactiveWebServerFactory",
						"org.springframework.boot.web.reactive.server.ReactiveWebServerFactory")
				.filter((name) -> ClassUtils.isPresent(name, getClass().getClassLoader()))
				.map((name) -> ClassUtils.resolveClassName(name, getClass().getClassLoader()))
				.findFirst()
				.orElseThrow();
			assertThat(factoryType).isAssignableFrom(server.factoryClass());
			assertThat(app.context().getBeanNamesForType(factoryType))
				.containsExactly(RunningReactiveApp.FACTORY_BEAN_NAME);
			assertThat(app.context().getType(RunningReactiveApp.FACTORY_BEAN_NAME)).isEqualTo(server.factoryClass());

			// Over TLS with the test certificate (server.ssl.*), without authentication.
			HttpResponse<String> response = app.https().get("api.example.test", "/server");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).containsIgnoringCase((server == Server.NETTY) ? "reactor" : "catalina");
			assertThat(app.context().getBeanNamesForType(SecurityWebFilterChain.class)).isEmpty();

			// Bound to 127.0.0.1 only (server.address).
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> {
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress(InetAddress.getByName("::1"), app.port()), 5_000);
				}
			});
		}
	}

	@ParameterizedTest
	@EnumSource(Server.class)
	void plainHttpOnTheChosenServer(Server server) {
		try (RunningReactiveApp app = RunningReactiveApp.plain(server,
				new Class<?>[] { ReactiveResponseKindsApplication.class })) {
			HttpResponse<String> response = app.plain().get("api.example.test", "/server");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).containsIgnoringCase((server == Server.NETTY) ? "reactor" : "catalina");
		}
	}

}
