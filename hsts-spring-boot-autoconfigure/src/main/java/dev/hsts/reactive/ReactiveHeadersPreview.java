package dev.hsts.reactive;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.hsts.core.DescribedHeaders;
import dev.hsts.core.HeaderDescription;
import dev.hsts.core.HeadersPreview;
import dev.hsts.core.HostPreview;
import dev.hsts.core.ProblemJson;
import dev.hsts.core.RejectionReason;

import org.springframework.http.HttpHeaders;

/**
 * The live header policy of a WebFlux application, for the {@code securityheaders}
 * endpoint: runs the writers {@link SecurityHeadersWebFilter} applies and the
 * {@link TrustedHostExchangeCheck} on a {@link PreviewServerExchange}, in the order a
 * real exchange meets them.
 */
public class ReactiveHeadersPreview implements HeadersPreview {

	/** What writers outside the filter write. */
	private final List<HeaderDescription> others = new CopyOnWriteArrayList<>();

	/** The writers the filter applies now. */
	private final Supplier<? extends List<? extends ExchangeHeaderWriter>> writers;

	private final TrustedHostExchangeCheck trustedHostCheck;

	/**
	 * @param writers the writers the filter applies now, in order (asked on each preview,
	 * so that it follows a refresh of the policy)
	 * @param trustedHostCheck the trusted-host check, or {@code null}
	 */
	public ReactiveHeadersPreview(Supplier<? extends List<? extends ExchangeHeaderWriter>> writers,
			TrustedHostExchangeCheck trustedHostCheck) {
		this.writers = writers;
		this.trustedHostCheck = trustedHostCheck;
	}

	/**
	 * Adds what a writer outside the filter writes (Clear-Site-Data from Spring
	 * Security's logout) to {@link #describe()}.
	 * @param description the description
	 */
	public void describeAlso(HeaderDescription description) {
		this.others.add(description);
	}

	@Override
	public List<HeaderDescription> describe() {
		List<HeaderDescription> descriptions = new ArrayList<>();
		for (ExchangeHeaderWriter writer : this.writers.get()) {
			descriptions.addAll(describe(writer));
		}
		descriptions.addAll(this.others);
		return descriptions;
	}

	/**
	 * What a writer writes: its own description when it gives one, or else what it writes
	 * on a preview of a secure {@code GET /} for {@code localhost}.
	 * @param writer the writer
	 * @return one description per header
	 */
	public static List<HeaderDescription> describe(ExchangeHeaderWriter writer) {
		if (writer instanceof DescribedHeaders described) {
			return described.describe();
		}
		PreviewServerExchange preview = new PreviewServerExchange("localhost");
		writer.writeHeaders(preview.exchange());
		List<HeaderDescription> written = new ArrayList<>();
		preview.headers()
			.forEach((name, value) -> written.add(HeaderDescription.everywhere(name, String.valueOf(value))));
		return written;
	}

	/**
	 * For a host the application does not serve, the 400 the trusted-host check answers
	 * with instead, with the headers that response carries (never HSTS).
	 */
	@Override
	public HostPreview preview(String host, String path) {
		List<? extends ExchangeHeaderWriter> writers = this.writers.get();
		if (serverRefuses(host)) {
			// Spring's adapter for the server cannot make a request URI of it: the server
			// answers 400 itself, before any WebFilter, without the starter's headers.
			return new HostPreview(400, RejectionReason.MALFORMED, HostPreview.REFUSED_BY_SERVER, Map.of());
		}
		PreviewServerExchange preview = new PreviewServerExchange(host, path);
		writeHeaders(writers, preview, false);
		Optional<RejectionReason> rejection = Optional.empty();
		if (this.trustedHostCheck != null && !this.trustedHostCheck.isExempt(preview.exchange())) {
			rejection = this.trustedHostCheck.verify(preview.exchange());
		}
		if (rejection.isPresent()) {
			preview.reject(400);
			HttpHeaders headers = preview.exchange().getResponse().getHeaders();
			headers.set("Cache-Control", "no-store");
			headers.set("X-Content-Type-Options", "nosniff");
			headers.set(HttpHeaders.CONTENT_TYPE, ProblemJson.MEDIA_TYPE);
		}
		else {
			writeHeaders(writers, preview, true);
		}
		return new HostPreview(preview.status(), rejection.orElse(null),
				rejection.isPresent() ? HostPreview.REFUSED_BY_TRUSTED_HOSTS : null, preview.headers());
	}

	/**
	 * Whether the server refuses a {@code Host} before any WebFilter runs, as Reactor
	 * Netty and Spring's adapter for it do (measured by
	 * {@code HostPreviewAgreesWithNettyTest}): an IPv6 literal without its closing
	 * bracket, or without brackets at all, and a port that is not a number. Every other
	 * character is percent-encoded into the request URI, and the host reaches the
	 * application.
	 * @param host the {@code Host} header
	 * @return whether the server answers 400 itself
	 */
	static boolean serverRefuses(String host) {
		String port;
		if (host.startsWith("[")) {
			int close = host.indexOf(']');
			if (close < 0) {
				return true;
			}
			String rest = host.substring(close + 1);
			if (rest.isEmpty()) {
				return false;
			}
			if (rest.charAt(0) != ':') {
				return true;
			}
			port = rest.substring(1);
		}
		else {
			int colon = host.indexOf(':');
			if (colon < 0) {
				return false;
			}
			if (host.indexOf(':', colon + 1) >= 0) {
				return true;
			}
			port = host.substring(colon + 1);
		}
		try {
			Integer.parseInt(port);
			return false;
		}
		catch (NumberFormatException ex) {
			return true;
		}
	}

	private static void writeHeaders(List<? extends ExchangeHeaderWriter> writers, PreviewServerExchange preview,
			boolean commitTime) {
		for (ExchangeHeaderWriter writer : writers) {
			if ((writer instanceof CommitTimeExchangeHeaderWriter) == commitTime) {
				writer.writeHeaders(preview.exchange());
			}
		}
	}

}
