package dev.hsts.test;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real TLS certificate made at test time with the JDK's keytool (self-signed, for
 * localhost, 127.0.0.1, ::1 and *.example.test), the server properties that make embedded
 * Tomcat serve it, and an HTTP client that trusts exactly that certificate (hostname
 * verification stays on).
 */
public final class TestTls {

	public static final String PASSWORD = "changeit";

	public static final String ALIAS = "test";

	private static TestTls instance;

	private final Path keyStore;

	private final SSLContext sslContext;

	private TestTls(Path keyStore, SSLContext sslContext) {
		this.keyStore = keyStore;
		this.sslContext = sslContext;
	}

	/** The certificate of this test JVM, made on first use. */
	public static synchronized TestTls get() {
		if (instance == null) {
			instance = create();
		}
		return instance;
	}

	private static TestTls create() {
		try {
			Path dir = Files.createTempDirectory("hsts-test-tls");
			dir.toFile().deleteOnExit();
			Path keyStore = dir.resolve("server.p12");
			String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
			Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname",
					"secp256r1", "-dname", "CN=localhost", "-ext",
					"SAN=dns:localhost,dns:api.example.test,dns:*.example.test,ip:127.0.0.1,ip:::1", "-validity", "30",
					"-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass",
					PASSWORD)
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || !Files.exists(keyStore)) {
				throw new IllegalStateException("keytool failed: " + output);
			}
			keyStore.toFile().deleteOnExit();
			KeyStore trusted = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(keyStore)) {
				trusted.load(in, PASSWORD.toCharArray());
			}
			TrustManagerFactory trustManagers = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trusted);
			SSLContext sslContext = SSLContext.getInstance("TLS");
			sslContext.init(null, trustManagers.getTrustManagers(), null);
			return new TestTls(keyStore, sslContext);
		}
		catch (IOException | InterruptedException | java.security.GeneralSecurityException ex) {
			throw new IllegalStateException("Could not make the test certificate", ex);
		}
	}

	/** The PKCS12 key store with the server's key and certificate. */
	public Path keyStore() {
		return this.keyStore;
	}

	/**
	 * {@code server.ssl.*} properties that make embedded Tomcat serve the certificate.
	 */
	public List<String> serverProperties() {
		return List.of("server.ssl.enabled=true", "server.ssl.key-store=" + this.keyStore.toUri(),
				"server.ssl.key-store-password=" + PASSWORD, "server.ssl.key-store-type=PKCS12",
				"server.ssl.key-alias=" + ALIAS);
	}

	/** A TLS context that trusts exactly the test certificate. */
	public SSLContext sslContext() {
		return this.sslContext;
	}

	/**
	 * An HTTP/1.1 client that trusts the test certificate and never follows redirects.
	 */
	public HttpClient client() {
		return HttpClient.newBuilder()
			.sslContext(this.sslContext)
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
	}

}
