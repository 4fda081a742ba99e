package dev.hsts.reactive;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

import dev.hsts.test.EnableAutoConfigurationWithoutSpringSecurity;
import dev.hsts.test.Http;
import dev.hsts.test.RawHttp;
import dev.hsts.test.RunningReactiveApp;
import dev.hsts.test.RunningReactiveApp.Server;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.ZeroCopyHttpOutputMessage;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real server of each kind, over TLS: the exchange's response is built on the
 * starter's {@link CommitPassResponse} (from the
 * {@link SecurityHeadersHttpHandlerDecorator} bean), the header filter's commit pass is
 * claimed there rather than registered with {@code beforeCommit}, the response still
 * takes files without copying them where the server's does, and a WebSocket upgrade,
 * which completes the response and then takes the server's own, still carries each header
 * once. (The other ways a response commits are {@link ResponseKindsOverTlsTest}'s, on the
 * same decorated response.)
 */
class CommitPassOverTlsTest {

	static final Map<Server, RunningReactiveApp> apps = new EnumMap<>(Server.class);

	@BeforeAll
	static void start() {
		for (Server server : Server.values()) {
			apps.put(server, RunningReactiveApp.https(server, new Class<?>[] { CommitPassApplication.class },
					"security.headers.trusted-hosts.allowed=api.example.com"));
		}
	}

	@AfterAll
	static void stop() {
		apps.values().forEach(RunningReactiveApp::close);
	}

	@ParameterizedTest
	@EnumSource(Server.class)
	void theFiltersCommitPassIsClaimedOnTheDecoratedServerResponse(Server server) {
		HttpResponse<String> response = apps.get(server).https().get("api.example.com", "/response");
		assertThat(response.statusCode()).isEqualTo(200);
		// Reactor Netty's response takes files without copying them; so does the
		// decorator on it.
		String zeroCopy = (server == Server.NETTY) ? "true" : "false";
		assertThat(response.body())
			.isEqualTo("decorated=true claimed=true server-zero-copy=" + zeroCopy + " zero-copy=" + zeroCopy);
		ReactorNettyResponseHeadersTest.assertStarterHeadersOnce(response);
	}

	/**
	 * On Reactor Netty, Boot's server for WebFlux, with its own upgrade (the Tomcat app
	 * here would need Tomcat's WebSocket container set up for its upgrade).
	 */
	@Test
	void aWebSocketUpgradeCarriesEachHeaderOnce() {
		String request = "GET /ws HTTP/1.1\r\nHost: api.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
		RawHttp.Response response = apps.get(Server.NETTY)
			.raw()
			.sendForHead(request.getBytes(StandardCharsets.ISO_8859_1));
		assertThat(response.status()).isEqualTo(101);
		assertThat(response.header("Sec-WebSocket-Accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
		assertThat(response.headers("Strict-Transport-Security")).containsExactly("max-age=300");
		assertThat(response.headers("X-Frame-Options")).containsExactly("DENY");
		assertThat(response.headers("X-Content-Type-Options")).containsExactly("nosniff");
	}

	@SpringBootConfiguration
	@EnableAutoConfigurationWithoutSpringSecurity
	@RestController
	static class CommitPassApplication {

		/**
		 * Whether the exchange's response is built on the starter's decorator, whether
		 * the header filter claimed its commit pass there (a second claim is refused),
		 * and whether the server's response and the exchange's take files without copying
		 * them.
		 */
		@GetMapping("/response")
		String response(ServerWebExchange exchange) {
			ServerHttpResponse response = exchange.getResponse();
			CommitPassResponse ours = CommitPassResponse.in(response);
			if (ours == null) {
				return "decorated=false";
			}
			boolean claimed = !ours.claim(Mono::empty);
			return "decorated=true claimed=" + claimed + " server-zero-copy="
					+ (ours.getDelegate() instanceof ZeroCopyHttpOutputMessage) + " zero-copy="
					+ (response instanceof ZeroCopyHttpOutputMessage);
		}

		/**
		 * Reactor Netty's upgrade: Spring picks one by what is on the class path, and the
		 * test class path has Tomcat's WebSocket support too (Spring Framework 6.2 picks
		 * that first).
		 */
		@Bean
		WebFluxConfigurer reactorNettyWebSockets() {
			return new WebFluxConfigurer() {

				@Override
				public WebSocketService getWebSocketService() {
					return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy());
				}

			};
		}

		@Bean
		HandlerMapping webSocketMapping() {
			WebSocketHandler closeAtOnce = WebSocketSession::close;
			return new SimpleUrlHandlerMapping(Map.of("/ws", closeAtOnce), Ordered.HIGHEST_PRECEDENCE);
		}

	}

}
