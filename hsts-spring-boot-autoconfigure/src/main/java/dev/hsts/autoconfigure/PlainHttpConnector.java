package dev.hsts.autoconfigure;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetAddress;

import dev.hsts.core.InvalidPolicyException;
import org.apache.catalina.connector.Connector;

import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.util.ClassUtils;

/**
 * Opens the plain-HTTP connector of {@code security.headers.https-redirect.http-port} on
 * the application's Tomcat, beside the (HTTPS) connector of {@code server.port}, so that
 * plain requests reach the redirect. It listens on {@code server.address} when that is
 * set.
 *
 * <p>
 * Spring Boot has no property for a second connector, and the Tomcat factory that takes
 * one moved between Boot 3.5 ({@code org.springframework.boot.web.embedded.tomcat},
 * method {@code addAdditionalTomcatConnectors}) and Boot 4
 * ({@code org.springframework.boot.tomcat}, method {@code addAdditionalConnectors}). This
 * customizer is written once for both: it is a customizer of the factory interface that
 * did not move, and calls whichever of the two public methods the running Boot's factory
 * has. On another server (Jetty) it refuses to start, naming the property: the connector
 * the property asks for cannot be opened there.
 */
final class PlainHttpConnector implements WebServerFactoryCustomizer<ConfigurableWebServerFactory> {

	static final String PROPERTY = "https-redirect.http-port";

	/** Tomcat's NIO HTTP/1.1 protocol, the one Boot's own connector uses. */
	private static final String PROTOCOL = "org.apache.coyote.http11.Http11NioProtocol";

	private static final String[] ADD_CONNECTOR_METHODS = { "addAdditionalConnectors",
			"addAdditionalTomcatConnectors" };

	private final int port;

	private final InetAddress address;

	/**
	 * @param port the plain-HTTP port, validated
	 * @param address the address to listen on ({@code server.address}), or {@code null}
	 * for every address
	 */
	PlainHttpConnector(int port, InetAddress address) {
		this.port = port;
		this.address = address;
	}

	/**
	 * Validates the port.
	 * @param port the configured port
	 * @param serverPort the main connector's port ({@code server.port}, 8080 when unset;
	 * 0 for a random one)
	 * @return the port
	 * @throws InvalidPolicyException for a port that cannot be opened
	 */
	static int validPort(int port, int serverPort) {
		if (port < 1 || port > 65535) {
			throw new InvalidPolicyException(PROPERTY, port, "a TCP port is a number from 1 to 65535.",
					"Set ${" + PROPERTY + "} to the port plain-HTTP clients connect to (80 behind no proxy, 8080 "
							+ "in development), or remove it to open no plain-HTTP connector.");
		}
		if (serverPort == port) {
			throw new InvalidPolicyException(PROPERTY, port,
					"server.port is the same port: the application's own connector already listens there.",
					"Give the plain-HTTP connector a port of its own (server.port is the HTTPS one).");
		}
		return port;
	}

	@Override
	public void customize(ConfigurableWebServerFactory factory) {
		Method addConnectors = addConnectorsMethod(factory);
		if (addConnectors == null) {
			throw new InvalidPolicyException(PROPERTY, this.port,
					"the plain-HTTP connector can only be opened on Tomcat, and this application's web server is "
							+ "not Tomcat (" + factory.getClass().getName() + ").",
					"Remove ${" + PROPERTY + "} and open the plain-HTTP port with your web server's own API, or "
							+ "run on Tomcat (spring-boot-starter-tomcat).");
		}
		Connector connector = new Connector(PROTOCOL);
		connector.setScheme("http");
		connector.setSecure(false);
		connector.setPort(this.port);
		if (this.address != null) {
			connector.setProperty("address", this.address.getHostAddress());
		}
		try {
			addConnectors.invoke(factory, (Object) new Connector[] { connector });
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Could not add the plain-HTTP connector to " + factory.getClass(), ex);
		}
		catch (InvocationTargetException ex) {
			throw new IllegalStateException("Could not add the plain-HTTP connector to " + factory.getClass(),
					ex.getTargetException());
		}
	}

	/**
	 * The public method of the Tomcat factory that adds connectors, or {@code null} when
	 * the factory is not Tomcat's.
	 */
	private static Method addConnectorsMethod(ConfigurableWebServerFactory factory) {
		if (!ClassUtils.isPresent("org.apache.catalina.connector.Connector",
				PlainHttpConnector.class.getClassLoader())) {
			return null;
		}
		for (String name : ADD_CONNECTOR_METHODS) {
			try {
				Method method = factory.getClass().getMethod(name, Connector[].class);
				if (Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
					return method;
				}
			}
			catch (NoSuchMethodException ex) {
				// Not this Boot line's name: try the other.
			}
		}
		return null;
	}

}
