package dev.hsts.web;

import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.util.OnCommittedResponseWrapper;

/**
 * The response seen by everything after {@link SecurityHeadersFilter}: writes the security headers again after
 * {@link #reset()} and when the response commits, and turns a second value for a single-valued security header
 * into a replacement, so that a response never carries two.
 */
final class SecurityHeadersResponse extends OnCommittedResponseWrapper {

	/** Headers a response may carry only once; a second copy makes the whole policy invalid to scanners. */
	private static final Set<String> SINGLE_VALUED = Set.of("strict-transport-security", "x-content-type-options",
			"x-frame-options");

	private final HttpServletRequest request;

	private final HeaderWriter[] writers;

	SecurityHeadersResponse(HttpServletRequest request, HttpServletResponse response, HeaderWriter[] writers) {
		super(response);
		this.request = request;
		this.writers = writers;
	}

	/** Lets every writer fill in what is absent. */
	void writeHeaders() {
		HttpServletResponse target = (HttpServletResponse) getResponse();
		for (HeaderWriter writer : this.writers) {
			writer.writeHeaders(this.request, target);
		}
	}

	@Override
	protected void onResponseCommitted() {
		writeHeaders();
	}

	@Override
	public void reset() {
		super.reset();
		writeHeaders();
	}

	@Override
	public void addHeader(String name, String value) {
		if (name != null && containsHeader(name) && SINGLE_VALUED.contains(name.toLowerCase(Locale.ROOT))) {
			super.setHeader(name, value);
		}
		else {
			super.addHeader(name, value);
		}
	}

}
