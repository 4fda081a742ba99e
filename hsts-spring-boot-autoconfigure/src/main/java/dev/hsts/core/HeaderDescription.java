package dev.hsts.core;

import java.util.List;

/**
 * What a header writer writes, for the endpoint and the findings: the header, its value,
 * and where it applies.
 *
 * @param name the header name
 * @param value the value written, or {@code null} when the header is not sent where this
 * description applies (a path policy that leaves a header out)
 * @param onlyPaths the path patterns it is written on; empty for every path
 * @param exceptPaths the path patterns it is never written on
 */
public record HeaderDescription(String name, String value, List<String> onlyPaths, List<String> exceptPaths) {

	/**
	 * Copies the path lists.
	 * @param name the header name
	 * @param value the value, or {@code null}
	 * @param onlyPaths the path patterns it is written on; empty for every path
	 * @param exceptPaths the path patterns it is never written on
	 */
	public HeaderDescription {
		onlyPaths = List.copyOf(onlyPaths);
		exceptPaths = List.copyOf(exceptPaths);
	}

	/**
	 * A header written with one value on every response.
	 * @param name the header name
	 * @param value the value
	 * @return the description
	 */
	public static HeaderDescription everywhere(String name, String value) {
		return new HeaderDescription(name, value, List.of(), List.of());
	}

	/**
	 * Whether it applies to every path.
	 * @return whether it does
	 */
	public boolean everyPath() {
		return this.onlyPaths.isEmpty();
	}

}
