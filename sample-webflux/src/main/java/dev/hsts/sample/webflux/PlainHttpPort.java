package dev.hsts.sample.webflux;

import java.net.InetAddress;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.stereotype.Component;

/**
 * A second, plain-HTTP Netty server on {@code sample.http-port} (on
 * {@code server.address} when set), serving the application's own {@link HttpHandler}:
 * every request on it goes through the starter's WebFilters like one on the HTTPS port,
 * so with {@code security.headers.https-redirect.enabled=true} it is redirected to HTTPS.
 * <p>
 * The starter's {@code security.headers.https-redirect.http-port} opens such a port only
 * on Tomcat; on Netty, which has one port per server, the application starts the second
 * server itself, as here. An empty {@code sample.http-port} leaves it out.
 */
@Component
public class PlainHttpPort implements SmartLifecycle {

	private final HttpHandler httpHandler;

	private final Integer port;

	private final InetAddress address;

	private final boolean forwardHeaders;

	private final ObjectProvider<ReactorResourceFactory> resourceFactory;

	private volatile WebServer server;

	PlainHttpPort(HttpHandler httpHandler, @Value("${sample.http-port:}") Integer port,
			@Value("${server.address:}") InetAddress address,
			@Value("${server.forward-headers-strategy:none}") String forwardHeadersStrategy,
			ObjectProvider<ReactorResourceFactory> resourceFactory) {
		this.httpHandler = httpHandler;
		this.port = port;
		this.address = address;
		this.forwardHeaders = "native".equalsIgnoreCase(forwardHeadersStrategy.trim());
		this.resourceFactory = resourceFactory;
	}

	@Override
	public void start() {
		if (this.port == null) {
			return;
		}
		NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory(this.port);
		factory.setAddress(this.address);
		factory.setUseForwardHeaders(this.forwardHeaders);
		this.resourceFactory.ifAvailable(factory::setResourceFactory);
		WebServer server = factory.getWebServer(this.httpHandler);
		server.start();
		this.server = server;
	}

	@Override
	public void stop() {
		WebServer server = this.server;
		if (server != null) {
			this.server = null;
			server.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	/**
	 * The port the plain-HTTP server listens on.
	 * @return the port, or -1 when there is none
	 */
	public int getPort() {
		WebServer server = this.server;
		return (server != null) ? server.getPort() : -1;
	}

}
