package dev.hsts.servlet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.core.PolicyHeader;

/**
 * The writers {@link SecurityHeadersFilter} applies, sorted once: those that write before
 * the chain runs, and the {@link CommitTimeHeaderWriter}s that write when the response is
 * complete, each with the request attribute that remembers a value it wrote provisionally
 * (see {@link SecurityHeadersResponse}).
 */
final class HeaderWriters {

	/**
	 * Prefix of the request attributes that remember a value written by a commit-time
	 * writer.
	 */
	private static final String PROVISIONAL_ATTRIBUTE = HeaderWriters.class.getName() + ".provisional.";

	/** Every writer, in order. */
	final List<ResponseHeaderWriter> all;

	final ResponseHeaderWriter[] eager;

	final CommitTimeHeaderWriter[] atCommit;

	/**
	 * For each commit-time writer, the request attribute that remembers the value it
	 * wrote.
	 */
	final String[] provisionalAttributes;

	/**
	 * The named policies, or {@code null} (then every writer runs, as without policies).
	 */
	final ServletPolicies policies;

	/**
	 * With policies: the starter's HSTS writer, which writes only when the request's
	 * policy sends HSTS, or {@code null}.
	 */
	final StagedHstsHeaderWriter policyHsts;

	/**
	 * With policies: the commit-time writer that stands for the policy's Cache-Control
	 * default (written by the request's {@link RequestPolicy}), or {@code null}.
	 */
	final CommitTimeHeaderWriter policyCacheControl;

	HeaderWriters(List<? extends ResponseHeaderWriter> writers) {
		this(writers, null);
	}

	/**
	 * @param writers every writer, in order
	 * @param policies the named policies, or {@code null}: with them, the starter's
	 * writers of the headers they decide step aside
	 */
	HeaderWriters(List<? extends ResponseHeaderWriter> writers, ServletPolicies policies) {
		this.all = List.copyOf(writers);
		this.policies = policies;
		List<ResponseHeaderWriter> eager = new ArrayList<>();
		List<CommitTimeHeaderWriter> atCommit = new ArrayList<>();
		StagedHstsHeaderWriter hsts = null;
		CommitTimeHeaderWriter cacheControl = null;
		for (ResponseHeaderWriter writer : writers) {
			if (policies != null && policies.replaces(writer)) {
				if (writer instanceof StagedHstsHeaderWriter hstsWriter && hsts == null) {
					hsts = hstsWriter;
				}
				else if (writer instanceof CacheControlDefaultWriter && cacheControl == null) {
					cacheControl = new PolicyCacheControl();
					atCommit.add(cacheControl);
				}
				continue;
			}
			if (writer instanceof CommitTimeHeaderWriter commitTimeWriter) {
				atCommit.add(commitTimeWriter);
			}
			else {
				eager.add(writer);
			}
		}
		if (policies != null && cacheControl == null && policies.decides(PolicyHeader.CACHE_CONTROL)) {
			// Off at the top level, but a policy may switch it on.
			cacheControl = new PolicyCacheControl();
			atCommit.add(cacheControl);
		}
		this.policyHsts = hsts;
		this.policyCacheControl = cacheControl;
		this.eager = eager.toArray(new ResponseHeaderWriter[0]);
		this.atCommit = atCommit.toArray(new CommitTimeHeaderWriter[0]);
		this.provisionalAttributes = new String[this.atCommit.length];
		for (int i = 0; i < this.atCommit.length; i++) {
			this.provisionalAttributes[i] = PROVISIONAL_ATTRIBUTE
					+ this.atCommit[i].getHeaderName().toLowerCase(Locale.ROOT);
		}
	}

	/**
	 * The commit-time writer of a header.
	 * @param name a header name
	 * @return the index of its commit-time writer, or -1 when none writes it
	 */
	int atCommitIndex(String name) {
		if (name != null) {
			for (int i = 0; i < this.atCommit.length; i++) {
				if (this.atCommit[i].getHeaderName().equalsIgnoreCase(name)) {
					return i;
				}
			}
		}
		return -1;
	}

	/**
	 * Stands for the request's policy's Cache-Control default among the commit-time
	 * writers (so that its value is provisional like the default's): the response writes
	 * it through its {@link RequestPolicy}, never through this writer.
	 */
	static final class PolicyCacheControl implements CommitTimeHeaderWriter {

		@Override
		public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
			// Written by SecurityHeadersResponse with the request's policy.
		}

		@Override
		public String getHeaderName() {
			return CacheControlDefaultWriter.HEADER_NAME;
		}

	}

}
