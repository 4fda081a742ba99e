package dev.hsts.autoconfigure;

import java.util.List;
import java.util.function.Supplier;

import dev.hsts.core.Finding;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The {@code proxy.netty-native-strategy} finding of a WebFlux application: with
 * {@code server.forward-headers-strategy=native}, Reactor Netty takes the scheme and host
 * from {@code X-Forwarded-*} and {@code Forwarded} headers of any client (it has no list
 * of trusted proxies, unlike Tomcat's {@code internal-proxies}), so anyone who can reach
 * the application directly can make a plain request look secure (and get HSTS) or claim
 * another host.
 */
final class ReactorNettyProxyFinding implements Supplier<List<Finding>> {

	static final String CODE = "proxy.netty-native-strategy";

	private static final String STRATEGY = "server.forward-headers-strategy";

	/** The reactive web server factory type of Boot 4, then of Boot 3.5. */
	private static final List<String> FACTORY_TYPES = List.of(
			"org.springframework.boot.web.server.reactive.ReactiveWebServerFactory",
			"org.springframework.boot.web.reactive.server.ReactiveWebServerFactory");

	private final Environment environment;

	private final ListableBeanFactory beanFactory;

	ReactorNettyProxyFinding(Environment environment, ListableBeanFactory beanFactory) {
		this.environment = environment;
		this.beanFactory = beanFactory;
	}

	@Override
	public List<Finding> get() {
		String strategy = this.environment.getProperty(STRATEGY);
		if (strategy == null || !strategy.trim().equalsIgnoreCase("native") || !runsOnReactorNetty()) {
			return List.of();
		}
		return List.of(new Finding(Finding.Severity.WARNING, CODE,
				"server.forward-headers-strategy=native on Reactor Netty believes X-Forwarded-* and Forwarded headers "
						+ "from any client (Reactor Netty has no list of trusted proxies): anyone who can reach the "
						+ "application directly can make a plain request look secure, and get HSTS, or claim another "
						+ "host. Make sure only the proxy can reach the application (bind server.address to a private "
						+ "address), or run WebFlux on Tomcat and list the proxies in "
						+ "server.tomcat.remoteip.internal-proxies.",
				STRATEGY));
	}

	/** Whether the application's reactive web server factory is Reactor Netty's. */
	private boolean runsOnReactorNetty() {
		ClassLoader classLoader = getClass().getClassLoader();
		for (String typeName : FACTORY_TYPES) {
			if (ClassUtils.isPresent(typeName, classLoader)) {
				Class<?> type = ClassUtils.resolveClassName(typeName, classLoader);
				for (String name : this.beanFactory.getBeanNamesForType(type, false, false)) {
					Class<?> factory = this.beanFactory.getType(name, false);
					if (factory != null && factory.getName().contains(".netty.")) {
						return true;
					}
				}
			}
		}
		return false;
	}

}
