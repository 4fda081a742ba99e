package dev.hsts.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;

import dev.hsts.autoconfigure.SecurityHeadersAutoConfiguration;

/**
 * The starter's own copy of a resource that other jars have too
 * ({@code META-INF/spring-configuration-metadata.json},
 * {@code META-INF/spring-autoconfigure-metadata.properties}, ...): the one in the jar (or
 * classes directory) the starter's classes come from, whatever the class path order.
 */
public final class OwnResources {

	private OwnResources() {
	}

	/**
	 * Opens the starter's own copy of a resource.
	 * @param name the resource name, e.g.
	 * {@code META-INF/spring-configuration-metadata.json}
	 * @return its content
	 * @throws IOException when it cannot be read
	 * @throws IllegalStateException when the starter has no such resource
	 */
	public static InputStream open(String name) throws IOException {
		String ours = SecurityHeadersAutoConfiguration.class.getProtectionDomain()
			.getCodeSource()
			.getLocation()
			.toString();
		for (URL url : Collections.list(OwnResources.class.getClassLoader().getResources(name))) {
			String location = url.toString();
			if (location.startsWith(ours) || location.startsWith("jar:" + ours + "!/")) {
				return url.openStream();
			}
		}
		throw new IllegalStateException("No " + name + " in " + ours);
	}

	/**
	 * Reads the starter's own copy of a text resource.
	 * @param name the resource name
	 * @return its content
	 */
	public static String read(String name) {
		try (InputStream in = open(name)) {
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
