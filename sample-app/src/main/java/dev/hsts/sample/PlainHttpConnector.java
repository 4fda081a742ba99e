package dev.hsts.sample;

import org.apache.catalina.connector.Connector;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * A second, plain-HTTP connector on {@code sample.http-port} (default 8080), so the
 * sample shows the redirect to HTTPS: {@code curl -I http://localhost:8080/v1/health}.
 * Set {@code sample.http-port=-1} to leave it out.
 */
@Component
public class PlainHttpConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	private final int port;

	private final String address;

	public PlainHttpConnector(@Value("${sample.http-port:8080}") int port,
			@Value("${server.address:}") String address) {
		this.port = port;
		this.address = address;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		if (this.port < 0) {
			return;
		}
		Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
		connector.setScheme("http");
		connector.setPort(this.port);
		if (!this.address.isEmpty()) {
			connector.setProperty("address", this.address);
		}
		factory.addAdditionalConnectors(connector);
	}

}
