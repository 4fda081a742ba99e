package dev.hsts.reactive;

import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.hsts.test.EnableAutoConfigurationWithoutSpringSecurity;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import dev.hsts.test.Http;
import dev.hsts.test.RunningReactiveApp;
import dev.hsts.test.RunningReactiveApp.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the starter's writes on Reactor Netty's own response headers rest on, on a real
 * server of each kind over TLS: on Reactor Netty, an exchange's response (Spring's
 * {@code ReactorServerHttpResponse}) keeps its headers in the native ones, so a header
 * set there is on the wire and in {@link ServerHttpResponse#getHeaders()}, and the
 * starter's headers read there are the ones Spring sees; before the starter's filter the
 * response has no header but Reactor Netty's {@code Transfer-Encoding}; a decorated
 * response (Spring's, for {@code HEAD}) and any other server's response get no native
 * headers, and the starter writes through Spring's headers instead, with the same result
 * on the wire. A request's {@code Host} lines, which the trusted-host check reads, are
 * read in Reactor Netty's native request headers the same way. This class runs on every
 * Boot line the starter supports (the test jar).
 */
class ReactorNettyResponseHeadersTest {

	static final Map<Server, RunningReactiveApp> apps = new EnumMap<>(Server.class);

	@BeforeAll
	static void start() {
		for (Server server : Server.values()) {
			apps.put(server, RunningReactiveApp.https(server, new Class<?>[] { NativeHeadersApplication.class },
					"security.headers.trusted-hosts.allowed=api.example.com"));
		}
	}

	@AfterAll
	static void stop() {
		apps.values().forEach(RunningReactiveApp::close);
	}

	@Test
	void reactorNettyIsOnTheTestClassPath() {
		assertThat(ReactorNettyResponseHeaders.of(new String[] { "X-Frame-Options" }, 0)).isNotNull();
	}

	@ParameterizedTest
	@EnumSource(Server.class)
	void getOnReactorNettyUsesTheNativeHeadersAndOtherwiseSpringsOwn(Server server) {
		HttpResponse<String> response = apps.get(server).https().get("api.example.com", "/native");
		assertThat(response.statusCode()).isEqualTo(200);
		if (server == Server.NETTY) {
			// The starter's eager headers, read in the native headers; a native write
			// that Spring's headers see, and that reaches the client.
			// And before the starter's filter, the response was fresh: nothing but
			// Reactor
			// Netty's Transfer-Encoding, so the starter wrote without looking.
			assertThat(response.body())
				.isEqualTo("fresh-before-starter=true native X-Frame-Options=[DENY] spring-sees-probe=[native]");
			assertThat(Http.values(response, NativeHeadersApplication.PROBE)).containsExactly("native");
		}
		else {
			assertThat(response.body()).isEqualTo("spring");
			assertThat(Http.values(response, NativeHeadersApplication.PROBE)).containsExactly("spring");
		}
		assertStarterHeadersOnce(response);
	}

	@ParameterizedTest
	@EnumSource(Server.class)
	void headIsDecoratedSoTheStarterWritesThroughSpringsHeaders(Server server) {
		HttpResponse<String> response = apps.get(server).https().send("HEAD", "api.example.com", "/native");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(Http.values(response, NativeHeadersApplication.PROBE)).containsExactly("spring");
		assertStarterHeadersOnce(response);
	}

	@Test
	void aWriterOfTransferEncodingIsLeftToSpringsHeaders() {
		// A fresh Reactor Netty response has Transfer-Encoding already.
		assertThat(ReactorNettyResponseHeaders.of(new String[] { "X-Frame-Options", "transfer-encoding" }, 0)).isNull();
	}

	@Test
	void freshMeansNoHeaderButTransferEncoding() {
		ReactorNettyResponseHeaders access = ReactorNettyResponseHeaders.of(new String[] { "X-Frame-Options" }, 0);
		HttpHeaders headers = new DefaultHttpHeaders();
		assertThat(access.isFresh(headers)).isTrue();
		headers.add("Transfer-Encoding", "chunked");
		assertThat(access.isFresh(headers)).isTrue();
		headers.add("X-Frame-Options", "SAMEORIGIN");
		assertThat(access.isFresh(headers)).isFalse();
		headers.remove("Transfer-Encoding");
		assertThat(access.isFresh(headers)).isFalse();
	}

	@Test
	void firstValuesFindsEachScannedHeaderInOneWalk() {
		ReactorNettyResponseHeaders access = ReactorNettyResponseHeaders.of(
				new String[] { "X-Frame-Options", "Referrer-Policy", "Cache-Control", "Permissions-Policy", "X-Other" },
				4);
		HttpHeaders headers = new DefaultHttpHeaders();
		headers.add("Transfer-Encoding", "chunked");
		// Written by the starter (its own name objects), by an application (a String in
		// another spelling), twice, and a name of the same length as a scanned one.
		access.set(headers, 0, "DENY");
		headers.add("referrer-POLICY", "no-referrer");
		headers.add("Cache-Control", "no-store");
		headers.add("CACHE-CONTROL", "private");
		headers.add("X-Custom-Header", "the length of X-Frame-Options");
		headers.add("X-Other", "not scanned");
		String[] first = new String[4];
		access.firstValues(headers, first);
		assertThat(first[0]).isEqualTo("DENY");
		assertThat(first[1]).isEqualTo("no-referrer");
		assertThat(first[2]).isSameAs(ReactorNettyResponseHeaders.REPEATED);
		assertThat(access.lines(headers, 2)).containsExactly("no-store", "private");
		assertThat(first[3]).isNull();
	}

	@Test
	void aNameOfTheSameLengthIsNotTakenForAScannedOne() {
		ReactorNettyResponseHeaders access = ReactorNettyResponseHeaders
			.of(new String[] { "X-Frame-Options", "Referrer-Policy" }, 2);
		HttpHeaders headers = new DefaultHttpHeaders();
		headers.add("X-Custom-Header", "a");
		headers.add("Referrer-Policy", "same-origin");
		headers.add("Strict-Transport-Security", "max-age=300");
		String[] first = new String[2];
		access.firstValues(headers, first);
		assertThat(first).containsExactly(null, "same-origin");
	}

	/**
	 * The trusted-host check reads the {@code Host} lines of a Reactor Netty request in
	 * its native headers: the same lines Spring's headers give; any other server's
	 * request, and a request a filter mutated, are read through Spring's headers.
	 */
	@ParameterizedTest
	@EnumSource(Server.class)
	void theHostLinesOfAReactorNettyRequestAreReadInItsNativeHeaders(Server server) {
		HttpResponse<String> response = apps.get(server).https().get("api.example.com", "/host-lines");
		assertThat(response.statusCode()).isEqualTo(200);
		String spring = response.body().substring(response.body().indexOf(" spring=") + " spring=".length());
		assertThat(spring).startsWith("[api.example.com");
		assertThat(response.body())
			.isEqualTo(((server == Server.NETTY) ? "native=" + spring : "native=null") + " spring=" + spring);
	}

	@Test
	void mockAndMutatedRequestsAreNotReadNatively() {
		MockServerHttpRequest request = MockServerHttpRequest.get("https://localhost/").build();
		assertThat(ReactorNettyRequestHeaders.host(request)).isSameAs(ReactorNettyRequestHeaders.NOT_NATIVE);
		assertThat(ReactorNettyRequestHeaders.host(request.mutate().header("Host", "other.example").build()))
			.isSameAs(ReactorNettyRequestHeaders.NOT_NATIVE);
	}

	@Test
	void mockAndDecoratedResponsesHaveNoNativeHeaders() {
		ReactorNettyResponseHeaders access = ReactorNettyResponseHeaders.of(new String[] { "X-Frame-Options" }, 0);
		ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("https://localhost/"));
		assertThat(access.headersOf(exchange.getResponse())).isNull();
		assertThat(access.headersOf(new ServerHttpResponseDecorator(exchange.getResponse()))).isNull();
	}

	static void assertStarterHeadersOnce(HttpResponse<String> response) {
		assertThat(Http.values(response, "Strict-Transport-Security")).containsExactly("max-age=300");
		assertThat(Http.values(response, "X-Frame-Options")).containsExactly("DENY");
		assertThat(Http.values(response, "X-Content-Type-Options")).containsExactly("nosniff");
		assertThat(Http.values(response, "Cache-Control")).containsExactly("no-store");
	}

	@SpringBootConfiguration
	@EnableAutoConfigurationWithoutSpringSecurity
	@RestController
	static class NativeHeadersApplication {

		static final String PROBE = "X-Native-Probe";

		static final String FRESH = "freshBeforeStarter";

		static final ReactorNettyResponseHeaders ACCESS = ReactorNettyResponseHeaders
			.of(new String[] { "X-Frame-Options", PROBE }, 0);

		/** Before the starter's filter: whether the response is fresh. */
		@Bean
		WebFilter freshBeforeStarter() {
			return new FreshBeforeStarter();
		}

		static final class FreshBeforeStarter implements WebFilter, Ordered {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
				Object nativeHeaders = ACCESS.headersOf(exchange.getResponse());
				if (nativeHeaders != null) {
					exchange.getAttributes().put(FRESH, ACCESS.isFresh(nativeHeaders));
				}
				return chain.filter(exchange);
			}

			@Override
			public int getOrder() {
				return SecurityHeadersWebFilter.DEFAULT_ORDER - 1;
			}

		}

		/**
		 * The request's Host line as read natively ({@code null} when it is not), in the
		 * form of a list of lines, and the lines as Spring's headers give them.
		 */
		@GetMapping("/host-lines")
		String hostLines(ServerWebExchange exchange) {
			String host = ReactorNettyRequestHeaders.host(exchange.getRequest());
			String read = (host == ReactorNettyRequestHeaders.NOT_NATIVE) ? "null"
					: (host == ReactorNettyRequestHeaders.MORE_THAN_ONE) ? "more than one" : "[" + host + "]";
			return "native=" + read + " spring=" + ExchangeHeaders.lines(exchange.getRequest().getHeaders(), "Host");
		}

		/**
		 * Reads the starter's X-Frame-Options in the native headers and sets a probe
		 * there, when the response has native headers; else sets the probe through
		 * Spring's headers.
		 */
		@GetMapping("/native")
		String nativeHeaders(ServerWebExchange exchange) {
			ReactorNettyResponseHeaders access = ACCESS;
			ServerHttpResponse response = exchange.getResponse();
			Object nativeHeaders = access.headersOf(response);
			if (nativeHeaders == null) {
				response.getHeaders().set(PROBE, "spring");
				return "spring";
			}
			access.set(nativeHeaders, 1, "native");
			List<String> frameOptions = access.lines(nativeHeaders, 0);
			return "fresh-before-starter=" + exchange.getAttribute(FRESH) + " native X-Frame-Options=" + frameOptions
					+ " spring-sees-probe=" + response.getHeaders().getValuesAsList(PROBE);
		}

	}

}
