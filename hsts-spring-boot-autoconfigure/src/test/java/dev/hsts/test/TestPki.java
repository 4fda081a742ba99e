package dev.hsts.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway certificate authority and a server certificate it signed, made with the
 * openssl command line, the way an operator would: PEM files for nginx and Spring Boot,
 * and a trust store for Java clients.
 */
public final class TestPki {

	public final Path caCertificate;

	public final Path certificate;

	public final Path privateKey;

	private TestPki(Path caCertificate, Path certificate, Path privateKey) {
		this.caCertificate = caCertificate;
		this.certificate = certificate;
		this.privateKey = privateKey;
	}

	/**
	 * Makes a CA and a server certificate for {@code names} in {@code directory}.
	 * @param directory where the PEM files go
	 * @param subjectAltNames e.g. {@code DNS:api.example.test,IP:127.0.0.1}
	 * @return the files
	 */
	public static TestPki create(Path directory, String subjectAltNames) throws IOException {
		String openssl = ExternalTools.require("openssl", "openssl").toString();
		Path caKey = directory.resolve("ca.key");
		Path caCert = directory.resolve("ca.pem");
		Path key = directory.resolve("server.key");
		Path csr = directory.resolve("server.csr");
		Path cert = directory.resolve("server.pem");
		Path extensions = directory.resolve("server.ext");
		ExternalTools.run(Map.of(), openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt",
				"ec_paramgen_curve:prime256v1", "-nodes", "-keyout", caKey.toString(), "-out", caCert.toString(),
				"-days", "3", "-sha256", "-subj", "/CN=hsts-spring-boot-starter e2e test CA", "-addext",
				"basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
		ExternalTools.run(Map.of(), openssl, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
				"-nodes", "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=api.example.test");
		Files.writeString(extensions, "subjectAltName=" + subjectAltNames + "\nbasicConstraints=CA:FALSE\n"
				+ "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n");
		ExternalTools.run(Map.of(), openssl, "x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey",
				caKey.toString(), "-CAcreateserial", "-out", cert.toString(), "-days", "2", "-sha256", "-extfile",
				extensions.toString());
		return new TestPki(caCert, cert, key);
	}

	/** An SSL context that trusts exactly this CA. */
	public SSLContext clientContext() throws IOException, GeneralSecurityException {
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		trusted.load(null, null);
		try (InputStream in = Files.newInputStream(this.caCertificate)) {
			trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

}
