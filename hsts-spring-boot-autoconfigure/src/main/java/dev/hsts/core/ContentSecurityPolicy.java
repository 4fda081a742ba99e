package dev.hsts.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One validated Content-Security-Policy (CSP Level 3) value, split once around its
 * {@value #NONCE_PLACEHOLDER} placeholders, so that rendering it for a request is a
 * concatenation.
 *
 * <p>
 * Refused at startup, each with an {@link InvalidPolicyException} naming the setting:
 * control characters and non-ASCII; a comma (it would turn the header into several
 * policies); a directive name that is not {@code 1*(ALPHA / DIGIT / "-")}; a directive
 * given twice (browsers ignore the second); braces other than the placeholder, and a
 * placeholder outside a {@code 'nonce-{nonce}'} source expression.
 */
public final class ContentSecurityPolicy {

	/** The placeholder replaced with the request's nonce. */
	public static final String NONCE_PLACEHOLDER = "{nonce}";

	private static final Pattern REPORT_DIRECTIVE = Pattern.compile("(?i)\\b(report-uri|report-to)\\s+[^;]*");

	private static final String NONCE_SOURCE = "'nonce-" + NONCE_PLACEHOLDER + "'";

	private static final Pattern DIRECTIVE_NAME = Pattern.compile("[A-Za-z0-9-]+");

	private final String value;

	private final String[] parts;

	private final boolean hasReportDirective;

	private ContentSecurityPolicy(String value, boolean hasReportDirective) {
		this.value = value;
		this.parts = split(value);
		this.hasReportDirective = hasReportDirective;
	}

	/**
	 * A policy with the targets of its {@code report-uri} and {@code report-to}
	 * directives masked: they may name a reporting service with a key in its URL, so they
	 * are shown only to those allowed to see secrets.
	 * @param policy a policy as configured
	 * @return the policy with each report target replaced by {@code ******}
	 */
	public static String maskReportTargets(String policy) {
		return REPORT_DIRECTIVE.matcher(policy).replaceAll("$1 ******");
	}

	/**
	 * Validates a configured policy.
	 * @param path where the policy is configured, for the error message
	 * @param value the configured value, may be {@code null}
	 * @return the policy, or {@code null} when {@code value} is {@code null} or
	 * {@code disabled}
	 * @throws InvalidPolicyException if the value is not a valid policy
	 */
	public static ContentSecurityPolicy parse(String path, String value) {
		String trimmed = HeaderValues.visibleAscii(path, value, null);
		if (trimmed == null) {
			return null;
		}
		if (trimmed.indexOf(',') >= 0) {
			throw new InvalidPolicyException(path, value,
					"a comma separates whole policies in a Content-Security-Policy header, so this would send "
							+ "several policies at once.",
					"Separate directives with semicolons and list several sources with spaces, e.g. "
							+ "default-src 'self'; img-src 'self' data:");
		}
		List<String> directives = new ArrayList<>();
		Set<String> names = new HashSet<>();
		boolean reports = false;
		for (String part : trimmed.split(";")) {
			String directive = part.trim().replaceAll("\\s+", " ");
			if (directive.isEmpty()) {
				continue;
			}
			int space = directive.indexOf(' ');
			String name = (space < 0) ? directive : directive.substring(0, space);
			if (!DIRECTIVE_NAME.matcher(name).matches()) {
				throw new InvalidPolicyException(path, value,
						"'" + UntrustedText.escape(name) + "' is not a directive name.",
						"Start each directive with its name, e.g. default-src 'self'; script-src 'self'");
			}
			if (!names.add(name.toLowerCase(Locale.ROOT))) {
				throw new InvalidPolicyException(path, value,
						"the directive '" + name + "' appears twice; browsers ignore all but the first.",
						"Merge the sources of both into one '" + name + "' directive.");
			}
			directives.add(directive);
			reports |= name.equalsIgnoreCase("report-uri") || name.equalsIgnoreCase("report-to");
		}
		if (directives.isEmpty()) {
			throw new InvalidPolicyException(path, value, "the policy has no directives.",
					"Write at least one directive, e.g. default-src 'self', or set disabled.");
		}
		String normalized = String.join("; ", directives);
		if (normalized.equalsIgnoreCase(HeaderValues.DISABLED)) {
			// Not a directive: sent as it is, it would be a policy that reads back as "no
			// header".
			throw new InvalidPolicyException(path, value,
					"'disabled' is not a directive; only the value disabled on its own switches the header off.",
					"Write disabled without semicolons to send no header, or write a policy such as default-src 'self'.");
		}
		String withoutNonces = normalized.replace(NONCE_SOURCE, "");
		if (withoutNonces.contains(NONCE_PLACEHOLDER)) {
			throw new InvalidPolicyException(path, value,
					"{nonce} may appear only as the source expression 'nonce-{nonce}'.",
					"Write it as 'nonce-{nonce}' (with the quotes), e.g. script-src 'self' 'nonce-{nonce}'");
		}
		if (withoutNonces.indexOf('{') >= 0 || withoutNonces.indexOf('}') >= 0) {
			throw new InvalidPolicyException(path, value,
					"the policy contains braces; the only placeholder is 'nonce-{nonce}'.",
					"Remove the braces, or write the nonce source as 'nonce-{nonce}'.");
		}
		return new ContentSecurityPolicy(normalized, reports);
	}

	private static String[] split(String value) {
		List<String> parts = new ArrayList<>();
		int from = 0;
		int at;
		while ((at = value.indexOf(NONCE_PLACEHOLDER, from)) >= 0) {
			parts.add(value.substring(from, at));
			from = at + NONCE_PLACEHOLDER.length();
		}
		parts.add(value.substring(from));
		return parts.toArray(new String[0]);
	}

	/**
	 * Whether the policy has a {@code report-uri} or {@code report-to} directive of its
	 * own (then the starter's CSP reporting leaves it as it is).
	 * @return whether it names where its reports go
	 */
	public boolean hasReportDirective() {
		return this.hasReportDirective;
	}

	/** Whether the policy contains the {@value #NONCE_PLACEHOLDER} placeholder. */
	public boolean usesNonce() {
		return this.parts.length > 1;
	}

	/**
	 * The header value for one request.
	 * @param nonce the request's nonce; ignored (may be {@code null}) when the policy
	 * does not use one
	 * @return the value with every placeholder replaced
	 */
	public String render(String nonce) {
		if (this.parts.length == 1) {
			return this.value;
		}
		StringBuilder rendered = new StringBuilder(this.value.length() + this.parts.length * 24);
		rendered.append(this.parts[0]);
		for (int i = 1; i < this.parts.length; i++) {
			rendered.append(nonce).append(this.parts[i]);
		}
		return rendered.toString();
	}

	/** The normalized policy, with the placeholder in place. */
	public String value() {
		return this.value;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
