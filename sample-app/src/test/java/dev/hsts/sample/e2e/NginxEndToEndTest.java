package dev.hsts.sample.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.hsts.sample.SampleApplication;
import dev.hsts.test.ExternalTools;
import dev.hsts.test.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The most common production setup, for real: Debian's nginx terminates TLS on loopback
 * and proxies to the sample app over plain HTTP with X-Forwarded-Proto/For/Host. The app
 * trusts forwarded headers only from nginx, which connects from 127.0.0.2
 * ({@code proxy_bind}); this test's own client connects from 127.0.0.1, like any other
 * peer that is not the proxy.
 */
class NginxEndToEndTest {

	private static final String HSTS = "Strict-Transport-Security";

	@TempDir
	static Path work;

	private static ConfigurableApplicationContext app;

	private static Process nginx;

	private static Path nginxPid;

	private static int appPort;

	private static int httpsPort;

	private static int httpPort;

	private static HttpClient client;

	@BeforeAll
	static void start() throws Exception {
		Path nginxBinary = ExternalTools.require("nginx", "nginx");
		TestPki pki = TestPki.create(work, "DNS:api.example.test,DNS:localhost,IP:127.0.0.1");
		appPort = ExternalTools.freePort();
		// Command-line arguments, so they win over the sample's application.yml.
		app = new SpringApplicationBuilder(SampleApplication.class).run("--server.port=" + appPort,
				"--server.address=127.0.0.1", "--server.ssl.enabled=false", "--sample.dev-certificate.enabled=false",
				"--security.headers.https-redirect.http-port=", "--security.headers.https-redirect.enabled=false",
				"--security.headers.hsts.rollout.stage=2", "--server.forward-headers-strategy=native",
				"--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.2", "--spring.main.banner-mode=off",
				"--logging.level.root=WARN");
		httpsPort = ExternalTools.freePort();
		httpPort = ExternalTools.freePort();
		Path prefix = Files.createDirectories(work.resolve("nginx"));
		for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
			Files.setPosixFilePermissions(Files.createDirectories(prefix.resolve(temp)),
					PosixFilePermissions.fromString("rwxrwxrwx"));
		}
		nginxPid = prefix.resolve("nginx.pid");
		Path config = prefix.resolve("nginx.conf");
		Files.writeString(config, nginxConfig(prefix, pki));
		nginx = new ProcessBuilder(nginxBinary.toString(), "-p", prefix.toString(), "-c", config.toString(), "-e",
				prefix.resolve("error.log").toString(), "-g", "daemon off;")
			.redirectErrorStream(true)
			.redirectOutput(prefix.resolve("stdout.log").toFile())
			.start();
		ExternalTools.awaitPort("127.0.0.1", httpsPort);
		client = HttpClient.newBuilder()
			.sslContext(pki.clientContext())
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** The configuration the README recommends, with this test's ports and files. */
	private static String nginxConfig(Path prefix, TestPki pki) {
		String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
		return user + """
				worker_processes 1;
				pid %1$s/nginx.pid;
				events { worker_connections 256; }
				http {
				    access_log %1$s/access.log;
				    client_body_temp_path %1$s/client_body;
				    proxy_temp_path %1$s/proxy;
				    fastcgi_temp_path %1$s/fastcgi;
				    uwsgi_temp_path %1$s/uwsgi;
				    scgi_temp_path %1$s/scgi;

				    server {
				        listen 127.0.0.1:%2$d;
				        server_name api.example.test;
				        return 301 https://$host:%3$d$request_uri;
				    }

				    server {
				        listen 127.0.0.1:%3$d ssl;
				        server_name api.example.test;
				        ssl_certificate %4$s;
				        ssl_certificate_key %5$s;

				        location / {
				            proxy_pass http://127.0.0.1:%6$d;
				            proxy_bind 127.0.0.2;
				            proxy_set_header Host $host;
				            proxy_set_header X-Forwarded-Proto $scheme;
				            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
				            proxy_set_header X-Forwarded-Host $host;
				            proxy_set_header X-Forwarded-Port $server_port;
				            # No add_header Strict-Transport-Security here: the application sends it, once.
				        }
				    }
				}
				""".formatted(prefix, httpPort, httpsPort, pki.certificate, pki.privateKey, appPort);
	}

	@AfterAll
	static void stop() throws Exception {
		if (nginx != null) {
			long pid = Files.exists(nginxPid) ? Long.parseLong(Files.readString(nginxPid).trim()) : nginx.pid();
			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
			if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
				nginx.destroyForcibly();
			}
		}
		if (app != null) {
			app.close();
		}
	}

	private static HttpResponse<String> get(String scheme, int port, String path, String... headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(scheme + "://localhost:" + port + path))
			.header("Host", "api.example.test:" + port);
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "/v1/health,200", "/docs,200", "/docs/no-such-page,404", "/v1/fail,500", "/v1/users/me,401" })
	void overHttpsThroughNginxExactlyOneHeaderWithTheActiveStage(String path, int status) throws Exception {
		HttpResponse<String> response = get("https", httpsPort, path);
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Server"))
			.hasValueSatisfying((server) -> assertThat(server).startsWith("nginx"));
		assertThat(response.headers().allValues(HSTS)).containsExactly("max-age=86400");
	}

	@Test
	void overHttpThroughNginxTheRedirectCarriesNoHeader() throws Exception {
		HttpResponse<String> response = get("http", httpPort, "/v1/health?x=1");
		assertThat(response.statusCode()).isEqualTo(301);
		assertThat(response.headers().firstValue("Location"))
			.hasValue("https://api.example.test:" + httpsPort + "/v1/health?x=1");
		assertThat(response.headers().allValues(HSTS)).isEmpty();
	}

	@Test
	void aSpoofedForwardedProtoFromAPeerThatIsNotTheProxyGetsNoHeader() throws Exception {
		HttpResponse<String> response = get("http", appPort, "/v1/health", "X-Forwarded-Proto", "https",
				"X-Forwarded-For", "203.0.113.9");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues(HSTS)).isEmpty();
	}

}
