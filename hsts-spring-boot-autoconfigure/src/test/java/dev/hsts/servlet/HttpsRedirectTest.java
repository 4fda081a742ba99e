package dev.hsts.servlet;

import java.io.IOException;
import java.net.http.HttpResponse;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.autoconfigure.HttpsRedirectAutoConfiguration;
import dev.hsts.autoconfigure.TrustedHostsAutoConfiguration;
import dev.hsts.test.Http;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain-HTTP to HTTPS redirect as a client sees it, on a real plain-HTTP Tomcat
 * connector.
 */
class HttpsRedirectTest {

	private static final String HSTS = "Strict-Transport-Security";

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.plain(new Class<?>[] { ResponseKindsApplication.class },
				"security.headers.https-redirect.enabled=true", "security.headers.https-redirect.https-port=8443",
				"security.headers.https-redirect.exempt-paths=/.well-known/acme-challenge/**,/static.txt");
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@ParameterizedTest(name = "{0} {1} for {2}")
	@CsvSource(delimiter = '|',
			value = { "GET|/ok|api.example.test|301|https://api.example.test:8443/ok",
					"HEAD|/ok|api.example.test|301|https://api.example.test:8443/ok",
					"POST|/ok|api.example.test|308|https://api.example.test:8443/ok",
					"PUT|/ok|api.example.test|308|https://api.example.test:8443/ok",
					"DELETE|/etag|api.example.test|308|https://api.example.test:8443/etag",
					"GET|/a%20b/c?x=1&y=%2F|api.example.test|301|https://api.example.test:8443/a%20b/c?x=1&y=%2F",
					"GET|/missing|API.Example.test|301|https://api.example.test:8443/missing",
					"GET|/ok|[::1]|301|https://[::1]:8443/ok", "GET|/ok|127.0.0.1|301|https://127.0.0.1:8443/ok",
					"GET|/.well-known|api.example.test|301|https://api.example.test:8443/.well-known" })
	void plainRequestsAreRedirectedToTheSameHostPathAndQueryOverHttps(String method, String path, String host,
			int status, String location) {
		HttpResponse<String> response = app.plain().send(method, host, path);
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((value) -> assertThat(value).isEqualToIgnoringCase(location));
		assertThat(Http.values(response, HSTS)).isEmpty();
		assertThat(response.body()).isEmpty();
	}

	@Test
	void exemptPathsAreServedOverPlainHttp() {
		assertThat(app.plain().get("api.example.test", "/static.txt").statusCode()).isEqualTo(200);
		HttpResponse<String> challenge = app.plain().get("api.example.test", "/.well-known/acme-challenge/token");
		assertThat(challenge.statusCode()).isEqualTo(404);
		assertThat(challenge.headers().firstValue("Location")).isEmpty();
	}

	@Test
	void secureRequestsAreNotRedirected() {
		try (RunningApp secure = RunningApp.https(new Class<?>[] { ResponseKindsApplication.class },
				"security.headers.https-redirect.enabled=true")) {
			HttpResponse<String> response = secure.https().get("api.example.test", "/ok");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(Http.values(response, HSTS)).containsExactly("max-age=300");
		}
	}

	@Test
	void requestsThatATrustedProxyReceivedOverHttpsAreNotRedirected() {
		try (RunningApp behindProxy = RunningApp.plain(new Class<?>[] { ResponseKindsApplication.class },
				"security.headers.https-redirect.enabled=true", "server.forward-headers-strategy=native",
				"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1")) {
			HttpResponse<String> viaProxy = behindProxy.plain()
				.get("api.example.test", "/ok", "X-Forwarded-Proto", "https");
			assertThat(viaProxy.statusCode()).isEqualTo(200);
			assertThat(Http.values(viaProxy, HSTS)).containsExactly("max-age=300");
			HttpResponse<String> direct = behindProxy.plain().get("api.example.test", "/ok");
			assertThat(direct.statusCode()).isEqualTo(301);
			assertThat(direct.headers().firstValue("Location")).hasValue("https://api.example.test/ok");
		}
	}

	@Test
	void offByDefault() {
		try (RunningApp plain = RunningApp.plain(new Class<?>[] { ResponseKindsApplication.class })) {
			assertThat(plain.plain().get("api.example.test", "/ok").statusCode()).isEqualTo(200);
			assertThat(plain.context().getBeanNamesForType(HttpsRedirectFilter.class)).isEmpty();
			assertThat(plain.context().containsBean(HttpsRedirectAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME))
				.isFalse();
		}
	}

	@Test
	void theHeaderFilterRunsTheRedirectAndTheHostCheck() {
		SecurityHeadersFilter headers = app.context().getBean(SecurityHeadersFilter.class);
		assertThat(headers.getHttpsRedirectFilter()).isSameAs(app.context().getBean(HttpsRedirectFilter.class));
		assertThat(headers.getTrustedHostFilter()).isSameAs(app.context().getBean(TrustedHostFilter.class));
		FilterRegistrationBean<?> registration = app.context()
			.getBean(HttpsRedirectAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class);
		assertThat(registration.isEnabled()).isFalse();
		assertThat(registration.getFilterName()).isEqualTo("httpsRedirectFilter (run by securityHeadersFilter)");
	}

	@Test
	void aHostTheApplicationDoesNotServeIsRefusedBeforeItIsRedirected() {
		try (RunningApp checked = RunningApp.plain(new Class<?>[] { ResponseKindsApplication.class },
				"security.headers.https-redirect.enabled=true",
				"security.headers.trusted-hosts.allowed=api.example.test")) {
			assertThat(checked.context().getBean(SecurityHeadersFilter.class).getHttpsRedirectFilter()).isNotNull();
			HttpResponse<String> refused = checked.plain().get("evil.example", "/ok");
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(refused.headers().firstValue("Location")).isEmpty();
			HttpResponse<String> served = checked.plain().get("api.example.test", "/ok");
			assertThat(served.statusCode()).isEqualTo(301);
			assertThat(served.headers().firstValue("Location")).hasValue("https://api.example.test/ok");
		}
	}

	@Test
	void aFilterOrderedBetweenKeepsTheRedirectAFilterOfItsOwnThatRunsAfterIt() {
		try (RunningApp between = RunningApp.plain(
				new Class<?>[] { ResponseKindsApplication.class, FilterBetween.class },
				"security.headers.https-redirect.enabled=true")) {
			assertThat(between.context().getBean(SecurityHeadersFilter.class).getHttpsRedirectFilter()).isNull();
			assertThat(between.context()
				.getBean(HttpsRedirectAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class)
				.isEnabled()).isTrue();
			// Ordered after the trusted-host filter, which still runs inside the header
			// filter.
			assertThat(between.context()
				.getBean(TrustedHostsAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class)
				.isEnabled()).isFalse();
			HttpResponse<String> response = between.plain().get("api.example.test", "/ok");
			assertThat(response.statusCode()).isEqualTo(301);
			assertThat(response.headers().firstValue("X-Between")).hasValue("ran");
		}
	}

	/**
	 * A filter bean (no registration) ordered between the trusted-host check and the
	 * redirect, which marks the response.
	 */
	@Configuration(proxyBeanMethods = false)
	static class FilterBetween {

		@Bean
		Filter filterBetween() {
			return new MarkingFilter();
		}

	}

	static final class MarkingFilter implements Filter, Ordered {

		@Override
		public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
				throws IOException, ServletException {
			((HttpServletResponse) response).setHeader("X-Between", "ran");
			chain.doFilter(request, response);
		}

		@Override
		public int getOrder() {
			return HttpsRedirectFilter.DEFAULT_ORDER - 5;
		}

	}

}
