package dev.hsts.autoconfigure;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hsts.core.Finding;

/**
 * How the settings the core names relative to the configuration
 * ({@code hsts.rollout.stages[1].max-age}, and <code>${hsts.revoke}</code> in its texts)
 * map to Spring Boot properties: under {@value #PREFIX}.
 */
public final class PropertyNames {

	/** The prefix of every property of the starter. */
	public static final String PREFIX = "security.headers.";

	private static final Pattern REFERENCE = Pattern.compile("\\$\\{([a-z0-9.\\[\\]-]+)}");

	private PropertyNames() {
	}

	/**
	 * The property of a setting.
	 * @param path the setting, relative to the configuration
	 * @return the full property name
	 */
	public static String of(String path) {
		return PREFIX + path;
	}

	/**
	 * A text with every <code>${path}</code> reference replaced by the full property
	 * name.
	 * @param text the text
	 * @return the text an operator reads
	 */
	public static String render(String text) {
		if (text == null || text.indexOf("${") < 0) {
			return text;
		}
		Matcher matcher = REFERENCE.matcher(text);
		StringBuilder rendered = new StringBuilder(text.length() + 64);
		while (matcher.find()) {
			matcher.appendReplacement(rendered, Matcher.quoteReplacement(of(matcher.group(1))));
		}
		return matcher.appendTail(rendered).toString();
	}

	/**
	 * A finding of the core, with its property and message as an operator reads them.
	 * @param finding the finding, naming its setting relative to the configuration
	 * @return the finding naming full properties
	 */
	public static Finding qualify(Finding finding) {
		return new Finding(finding.severity(), finding.code(), render(finding.message()),
				(finding.property() != null) ? of(finding.property()) : null);
	}

}
