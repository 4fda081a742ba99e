package dev.hsts.core;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Renders a {@link ProblemDetail} as RFC 9457 {@code application/problem+json} without a
 * JSON library, so the same jar works with Jackson 2, Jackson 3 or neither. Strings are
 * escaped for JSON and, to be safe in any context a body may end up in, {@code <},
 * {@code >}, {@code &} and every non-ASCII character are written as {@code \\uXXXX}.
 */
public final class ProblemJson {

	/** The media type. */
	public static final String MEDIA_TYPE = "application/problem+json";

	private static final URI ABOUT_BLANK = URI.create("about:blank");

	private ProblemJson() {
	}

	/**
	 * The problem a trusted-host refusal answers with, on every web stack.
	 * @param reason why the host is refused
	 * @param detail the detail, which must not contain the request's values
	 * @return the problem: status 400, type {@code about:blank}, the reason's title and a
	 * {@code reason} member with its id
	 */
	public static ProblemDetail hostRejection(RejectionReason reason, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(ABOUT_BLANK);
		problem.setTitle(reason.title());
		problem.setProperty("reason", reason.id());
		return problem;
	}

	/**
	 * @param problem the problem
	 * @return the JSON text (ASCII only)
	 */
	public static String render(ProblemDetail problem) {
		StringBuilder json = new StringBuilder(256).append('{');
		boolean first = true;
		if (problem.getType() != null) {
			first = member(json, first, "type", problem.getType().toString());
		}
		if (problem.getTitle() != null) {
			first = member(json, first, "title", problem.getTitle());
		}
		first = member(json, first, "status", problem.getStatus());
		if (problem.getDetail() != null) {
			first = member(json, first, "detail", problem.getDetail());
		}
		if (problem.getInstance() != null) {
			first = member(json, first, "instance", problem.getInstance().toString());
		}
		Map<String, Object> properties = problem.getProperties();
		if (properties != null) {
			for (Map.Entry<String, Object> property : properties.entrySet()) {
				first = member(json, first, property.getKey(), property.getValue());
			}
		}
		return json.append('}').toString();
	}

	private static boolean member(StringBuilder json, boolean first, String name, Object value) {
		if (!first) {
			json.append(',');
		}
		string(json, name);
		json.append(':');
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
			json.append(value);
		}
		else {
			string(json, value.toString());
		}
		return false;
	}

	/**
	 * Appends a JSON string literal.
	 * @param json where to append
	 * @param text the text
	 */
	static void string(StringBuilder json, String text) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20 || c > 0x7e || c == '<' || c == '>' || c == '&') {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

}
