package dev.hsts.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.springframework.test.context.DynamicPropertyRegistry;

final class TestSupport {

	private TestSupport() {
	}

	static void register(DynamicPropertyRegistry registry, String... properties) {
		for (String property : properties) {
			int equals = property.indexOf('=');
			String value = property.substring(equals + 1);
			registry.add(property.substring(0, equals), () -> value);
		}
	}

	/** A port free on loopback now. */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
