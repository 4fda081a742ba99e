package dev.hsts.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;

import dev.hsts.servlet.ResponseKindsApplication;
import dev.hsts.test.FailedStartup;
import dev.hsts.test.Http;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mockito;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code security.headers.https-redirect.http-port}: a real application over TLS that
 * also listens for plain HTTP on that port and redirects it, and the settings that cannot
 * work refused at startup with the property named.
 */
@ExtendWith(OutputCaptureExtension.class)
class PlainHttpConnectorTest {

	private static final Class<?>[] APP = { ResponseKindsApplication.class };

	@Test
	void plainRequestsOnTheHttpPortAreRedirectedAndHttpsIsServedAsBefore() {
		int httpPort = freePort();
		try (RunningApp app = RunningApp.https(APP, "security.headers.https-redirect.enabled=true",
				"security.headers.https-redirect.http-port=" + httpPort,
				"security.headers.https-redirect.https-port=8443")) {
			HttpResponse<String> plain = Http.plain(httpPort).get("api.example.test", "/ok?x=1");
			assertThat(plain.statusCode()).isEqualTo(301);
			assertThat(plain.headers().firstValue("Location")).hasValue("https://api.example.test:8443/ok?x=1");
			assertThat(plain.headers().allValues("Strict-Transport-Security")).isEmpty();

			HttpResponse<String> secure = app.https().get("api.example.test", "/ok");
			assertThat(secure.statusCode()).isEqualTo(200);
			assertThat(secure.headers().allValues("Strict-Transport-Security")).containsExactly("max-age=300");
		}
	}

	@Test
	void theConnectorListensOnServerAddressOnly() throws IOException {
		int httpPort = freePort();
		try (RunningApp app = RunningApp.https(APP, "security.headers.https-redirect.enabled=true",
				"security.headers.https-redirect.http-port=" + httpPort)) {
			// RunningApp sets server.address=127.0.0.1: the port is taken there ...
			assertThat(canBind(InetAddress.getByName("127.0.0.1"), httpPort)).isFalse();
			// ... and free on another loopback address.
			assertThat(canBind(InetAddress.getByName("127.0.0.2"), httpPort)).isTrue();
		}
	}

	@Test
	void withoutTheRedirectThePortIsRefused(CapturedOutput output) {
		assertFailsToStart(output, "security.headers.https-redirect.http-port",
				"Set security.headers.https-redirect.enabled=true, or remove security.headers.https-redirect.http-port.",
				"security.headers.https-redirect.http-port=" + freePort());
	}

	@Test
	void anEmptyValueTakesThePortBack() {
		try (RunningApp app = RunningApp.https(APP, "security.headers.https-redirect.http-port=")) {
			assertThat(app.context().getBeanNamesForType(ConfigurableWebServerFactory.class)).isNotEmpty();
			assertThat(app.context().containsBean(HttpsRedirectAutoConfiguration.PLAIN_HTTP_CONNECTOR_BEAN_NAME))
				.isFalse();
			assertThat(app.https().get("api.example.test", "/ok").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void aPortOutOfRangeIsRefused(CapturedOutput output) {
		assertFailsToStart(output, "security.headers.https-redirect.http-port",
				"Set security.headers.https-redirect.http-port to the port plain-HTTP clients connect to",
				"security.headers.https-redirect.enabled=true", "security.headers.https-redirect.http-port=70000");
	}

	@Test
	void theServerPortItselfIsRefused(CapturedOutput output) {
		assertFailsToStart(output, "security.headers.https-redirect.http-port", "a port of its own",
				"security.headers.https-redirect.enabled=true", "server.port=18443",
				"security.headers.https-redirect.http-port=18443");
	}

	@Test
	void bootsDefaultServerPortIsRefusedWhenServerPortIsUnset(CapturedOutput output) {
		// server.port unset: Boot listens on 8080, so the plain connector cannot.
		assertFailsToStart(output, "security.headers.https-redirect.http-port", "a port of its own",
				"security.headers.https-redirect.enabled=true", "server.port=",
				"security.headers.https-redirect.http-port=8080");
	}

	@Test
	void aServerThatIsNotTomcatIsRefusedNamingTheProperty() {
		ConfigurableWebServerFactory jettyLike = Mockito.mock(ConfigurableWebServerFactory.class);
		PlainHttpConnector connector = new PlainHttpConnector(8080, null);
		assertThatThrownBy(() -> connector.customize(jettyLike))
			.isInstanceOfSatisfying(dev.hsts.core.InvalidPolicyException.class, (ex) -> {
				assertThat(ex.getPath()).isEqualTo("https-redirect.http-port");
				assertThat(ex.getReason()).contains("not Tomcat");
			});
	}

	private static void assertFailsToStart(CapturedOutput output, String property, String fix, String... properties) {
		int before = output.getAll().length();
		assertThatThrownBy(() -> RunningApp.https(APP, properties).close()).isNotNull();
		FailedStartup report = FailedStartup.printedSince(output, before);
		assertThat(report.description()).contains("Property: " + property);
		assertThat(report.action().replaceAll("\\s+", " ")).contains(fix);
	}

	private static boolean canBind(InetAddress address, int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, address)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
