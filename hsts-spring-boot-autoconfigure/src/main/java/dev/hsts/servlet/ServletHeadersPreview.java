package dev.hsts.servlet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;
import java.util.function.Supplier;

import dev.hsts.core.HeaderDescription;
import dev.hsts.core.HeadersPreview;
import dev.hsts.core.HostPreview;
import dev.hsts.core.HstsPolicy;
import dev.hsts.core.RejectionReason;

/**
 * The live header policy of a servlet application, for the {@code securityheaders}
 * endpoint: runs the writers {@link SecurityHeadersFilter} applies and the
 * {@link TrustedHostCheck} on a {@link PreviewExchange}, as a real request would meet
 * them.
 */
public class ServletHeadersPreview implements HeadersPreview {

	/** What writers outside the filter write. */
	private final List<HeaderDescription> others = new CopyOnWriteArrayList<>();

	/** The writers the filter applies now. */
	private final Supplier<? extends List<? extends ResponseHeaderWriter>> writers;

	private final TrustedHostCheck trustedHostCheck;

	private final ServerOwnResponses serverOwnResponses;

	/**
	 * @param writers the writers the filter applies now, in order (asked on each preview,
	 * so that it follows a refresh of the policy)
	 * @param trustedHostCheck the trusted-host check, or {@code null}
	 * @param serverOwnResponses what the server answers itself, before any filter (which
	 * hosts it refuses), or {@code null} when unknown
	 */
	public ServletHeadersPreview(Supplier<? extends List<? extends ResponseHeaderWriter>> writers,
			TrustedHostCheck trustedHostCheck, ServerOwnResponses serverOwnResponses) {
		this.writers = writers;
		this.trustedHostCheck = trustedHostCheck;
		this.serverOwnResponses = serverOwnResponses;
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
		for (ResponseHeaderWriter writer : this.writers.get()) {
			descriptions.addAll(PreviewExchange.describe(writer));
		}
		descriptions.addAll(this.others);
		return descriptions;
	}

	/**
	 * For a host the application does not serve, the 400 it gets instead: from the
	 * trusted-host check, or from the server itself, before any filter, for a host it
	 * cannot parse (with the headers the starter adds to the server's own responses,
	 * never HSTS).
	 */
	@Override
	public HostPreview preview(String host, String path) {
		List<? extends ResponseHeaderWriter> writers = this.writers.get();
		PreviewExchange exchange = new PreviewExchange(host, path);
		String refusedBy = null;
		Optional<RejectionReason> rejection = Optional.empty();
		if (this.serverOwnResponses != null && this.serverOwnResponses.refusesHost(host)) {
			refusedBy = HostPreview.REFUSED_BY_SERVER;
			rejection = Optional.of(RejectionReason.MALFORMED);
			exchange.reject(400);
			if (this.serverOwnResponses.writesSecurityHeaders()) {
				writeHeaders(writers, exchange, false);
				writeHeaders(writers, exchange, true);
				exchange.removeHeader(HstsPolicy.HEADER_NAME);
			}
		}
		else {
			writeHeaders(writers, exchange, false);
			if (this.trustedHostCheck != null && !this.trustedHostCheck.isExempt(exchange.request())) {
				rejection = this.trustedHostCheck.verify(exchange.request());
			}
			if (rejection.isPresent()) {
				refusedBy = HostPreview.REFUSED_BY_TRUSTED_HOSTS;
				exchange.reject(400);
				exchange.response().setHeader("Content-Type", "application/problem+json");
				exchange.response().setHeader("Cache-Control", "no-store");
			}
			else {
				writeHeaders(writers, exchange, true);
			}
		}
		return new HostPreview(exchange.status(), rejection.orElse(null), refusedBy, exchange.headers());
	}

	/** Runs the writers that write before the chain, or the commit-time ones. */
	private static void writeHeaders(List<? extends ResponseHeaderWriter> writers, PreviewExchange exchange,
			boolean commitTime) {
		for (ResponseHeaderWriter writer : writers) {
			if ((writer instanceof CommitTimeHeaderWriter) == commitTime) {
				writer.writeHeaders(exchange.request(), exchange.response());
			}
		}
	}

}
