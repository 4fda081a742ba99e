package dev.hsts.security;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import dev.hsts.test.RunningReactiveApp;
import dev.hsts.test.Http;
import dev.hsts.test.TestTls;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A named policy on WebFlux with Spring Security's default chain, over real TLS: what the
 * policy leaves out (X-Frame-Options, HSTS) Spring Security's header writers do not put
 * back, and its Cache-Control comes without Spring Security's Pragma and Expires, on the
 * chain's own 401 as on the handler's 200.
 */
class ReactiveSpringSecurityPoliciesOverTlsTest {

	@Test
	void whatAPolicyLeavesOutSpringSecurityDoesNotPutBack() {
		List<String> properties = new ArrayList<>(TestTls.get().serverProperties());
		properties.addAll(List.of("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
				"spring.security.user.password=secret", "security.headers.policies.open.paths=/private/**",
				"security.headers.policies.open.frame-options=disabled",
				"security.headers.policies.open.hsts.enabled=false",
				"security.headers.policies.open.cache-control.value=private, max-age=60"));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ReactiveChainApplication.class)
			.web(WebApplicationType.REACTIVE)
			.initializers(RunningReactiveApp.ownEventLoops())
			.properties(properties.toArray(new String[0]))
			.run()) {
			// A client per request (see FormLogin): a reused connection to Reactor Netty
			// sometimes gets no answer after a bodiless response such as the 401.
			int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
			HttpResponse<String> refused = Http.https(port).get("app.example.com", "/private/hello");
			assertThat(refused.statusCode()).isEqualTo(401);
			HttpResponse<String> authenticated = Http.https(port)
				.get("app.example.com", "/private/hello", "Authorization", "Basic dXNlcjpzZWNyZXQ=");
			assertThat(authenticated.statusCode()).isEqualTo(200);
			for (HttpResponse<String> response : List.of(refused, authenticated)) {
				assertThat(Http.values(response, "X-Frame-Options")).isEmpty();
				assertThat(Http.values(response, "Strict-Transport-Security")).isEmpty();
				assertThat(Http.values(response, "Cache-Control")).containsExactly("private, max-age=60");
				assertThat(Http.values(response, "Pragma")).isEmpty();
				assertThat(Http.values(response, "Expires")).isEmpty();
				assertThat(Http.values(response, "X-Content-Type-Options")).containsExactly("nosniff");
			}
			HttpResponse<String> elsewhere = Http.https(port).get("app.example.com", "/public/hello");
			assertThat(Http.values(elsewhere, "X-Frame-Options")).containsExactly("DENY");
			assertThat(Http.values(elsewhere, "Strict-Transport-Security")).containsExactly("max-age=300");
		}
	}

}
