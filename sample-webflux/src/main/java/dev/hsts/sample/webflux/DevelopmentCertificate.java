package dev.hsts.sample.webflux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives the reactive sample HTTPS out of the box (as in sample-app): when no certificate
 * is configured through the standard {@code server.ssl.*} or {@code spring.ssl.bundle.*}
 * properties, makes a self-signed development certificate on first start (with the JDK's
 * keytool, for localhost, 127.0.0.1, ::1, api.example.test and *.example.test), keeps it
 * in {@code sample.dev-certificate.path}, and serves it. Configure a real certificate and
 * this steps aside.
 */
public class DevelopmentCertificate implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	static final String PASSWORD = "changeit";

	static final String ALIAS = "sample-dev";

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		if (!environment.getProperty("sample.dev-certificate.enabled", Boolean.class, true)
				|| !environment.getProperty("server.ssl.enabled", Boolean.class, true)
				|| hasConfiguredCertificate(environment)) {
			return;
		}
		Path keyStore = Path
			.of(environment.getProperty("sample.dev-certificate.path", ".dev-certificate/sample-webflux.p12"))
			.toAbsolutePath();
		if (!Files.exists(keyStore)) {
			create(keyStore);
		}
		Map<String, Object> ssl = new LinkedHashMap<>();
		ssl.put("server.ssl.enabled", "true");
		ssl.put("server.ssl.key-store", keyStore.toUri().toString());
		ssl.put("server.ssl.key-store-password", PASSWORD);
		ssl.put("server.ssl.key-store-type", "PKCS12");
		ssl.put("server.ssl.key-alias", ALIAS);
		environment.getPropertySources().addLast(new MapPropertySource("sampleDevelopmentCertificate", ssl));
	}

	private static boolean hasConfiguredCertificate(ConfigurableEnvironment environment) {
		return environment.containsProperty("server.ssl.key-store")
				|| environment.containsProperty("server.ssl.certificate")
				|| environment.containsProperty("server.ssl.bundle");
	}

	private static void create(Path keyStore) {
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		if (!Files.isExecutable(keytool)) {
			throw new IllegalStateException("No certificate is configured and there is no keytool at " + keytool
					+ " to make a development certificate. Run the sample with a full JDK, or configure "
					+ "server.ssl.key-store (or spring.ssl.bundle.*) with your own certificate.");
		}
		try {
			Files.createDirectories(keyStore.getParent());
			Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
					"-groupname", "secp256r1", "-dname", "CN=localhost, O=hsts-spring-boot-starter sample", "-ext",
					"SAN=dns:localhost,dns:api.example.test,dns:*.example.test,ip:127.0.0.1,ip:::1", "-validity", "365",
					"-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass",
					PASSWORD)
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("keytool could not make the development certificate: " + output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not make the development certificate at " + keyStore, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while making the development certificate", ex);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
