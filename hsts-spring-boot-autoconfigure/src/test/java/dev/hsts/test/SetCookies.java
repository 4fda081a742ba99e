package dev.hsts.test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code Set-Cookie} lines of a response, as the client received them.
 */
public final class SetCookies {

	private final List<String> lines;

	private SetCookies(List<String> lines) {
		this.lines = List.copyOf(lines);
	}

	/**
	 * @param response a response read by {@link RawHttp}
	 * @return its {@code Set-Cookie} lines
	 */
	public static SetCookies of(RawHttp.Response response) {
		return new SetCookies(response.headers("Set-Cookie"));
	}

	/** Every line, in order. */
	public List<String> lines() {
		return this.lines;
	}

	/**
	 * The one line that sets {@code name}.
	 * @param name the cookie name
	 * @return the line
	 */
	public String line(String name) {
		List<String> found = new ArrayList<>();
		for (String line : this.lines) {
			if (line.startsWith(name + "=")) {
				found.add(line);
			}
		}
		assertThat(found).as("Set-Cookie lines for %s in %s", name, this.lines).hasSize(1);
		return found.get(0);
	}

	/**
	 * Every line that sets {@code name}, in order.
	 * @param name the cookie name
	 * @return the lines
	 */
	public List<String> all(String name) {
		List<String> found = new ArrayList<>();
		for (String line : this.lines) {
			if (line.startsWith(name + "=")) {
				found.add(line);
			}
		}
		return found;
	}

	/**
	 * The attributes of the cookie {@code name}, each trimmed, the name and value left
	 * out; the session id's value is not known in advance.
	 * @param name the cookie name
	 * @return its attributes, in order
	 */
	public List<String> attributes(String name) {
		String[] parts = line(name).split(";");
		List<String> attributes = new ArrayList<>();
		for (int i = 1; i < parts.length; i++) {
			attributes.add(parts[i].trim());
		}
		return attributes;
	}

}
