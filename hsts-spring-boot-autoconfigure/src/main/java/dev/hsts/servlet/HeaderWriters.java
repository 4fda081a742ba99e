package dev.hsts.servlet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

	HeaderWriters(List<? extends ResponseHeaderWriter> writers) {
		this.all = List.copyOf(writers);
		List<ResponseHeaderWriter> eager = new ArrayList<>();
		List<CommitTimeHeaderWriter> atCommit = new ArrayList<>();
		for (ResponseHeaderWriter writer : writers) {
			if (writer instanceof CommitTimeHeaderWriter commitTimeWriter) {
				atCommit.add(commitTimeWriter);
			}
			else {
				eager.add(writer);
			}
		}
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

}
