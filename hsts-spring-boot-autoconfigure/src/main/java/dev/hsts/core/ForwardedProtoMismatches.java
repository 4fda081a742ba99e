package dev.hsts.core;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Detects the most common deployment mistake: a proxy terminates TLS and says so with
 * {@code X-Forwarded-Proto: https} (or {@code Forwarded: proto=https}), but the
 * application does not believe it, sees the request as plain HTTP, and silently sends no
 * HSTS. Logs one clear warning the first time, counts the rest, and is reported as a
 * finding. The web stack adapters call {@link #check} for the requests they see as plain.
 */
public class ForwardedProtoMismatches {

	private static final Log LOG = LogFactory.getLog(ForwardedProtoMismatches.class);

	private final AtomicBoolean warned = new AtomicBoolean();

	private final LongAdder count = new LongAdder();

	private final String advice;

	private volatile String lastPeer;

	private volatile Instant firstSeen;

	/**
	 * A detector whose warning gives the advice for Tomcat
	 * ({@code server.tomcat.remoteip.internal-proxies}).
	 */
	public ForwardedProtoMismatches() {
		this("set server.forward-headers-strategy=native and list the proxy's address in "
				+ "server.tomcat.remoteip.internal-proxies (a regular expression)");
	}

	/**
	 * @param advice what to set behind a TLS-terminating proxy, for the warning
	 */
	public ForwardedProtoMismatches(String advice) {
		this.advice = advice;
	}

	/**
	 * Checks a request the application sees as plain HTTP.
	 * @param forwardedProto its {@code X-Forwarded-Proto} header, or {@code null}
	 * @param forwarded its {@code Forwarded} header, or {@code null}
	 * @param peer the address it came from, for the finding
	 */
	public void check(String forwardedProto, String forwarded, String peer) {
		if (!claimsHttps(forwardedProto, forwarded)) {
			return;
		}
		this.count.increment();
		this.lastPeer = peer;
		if (this.warned.compareAndSet(false, true)) {
			this.firstSeen = Instant.now();
			LOG.warn("A request from " + UntrustedText.escape(peer)
					+ " says it arrived over HTTPS (X-Forwarded-Proto or "
					+ "Forwarded proto=https), but the application sees it as plain HTTP, so it gets no "
					+ "Strict-Transport-Security. If a proxy or load balancer terminates TLS in front of the application, "
					+ this.advice + ". If the request did not come from "
					+ "your proxy, someone sent a forged header and nothing is wrong. (Logged once; see "
					+ "/actuator/securityheaders for the count.)");
		}
	}

	/**
	 * Whether the headers say the request arrived over HTTPS.
	 * @param forwardedProto the {@code X-Forwarded-Proto} header, or {@code null}
	 * @param forwarded the {@code Forwarded} header, or {@code null}
	 * @return whether they do
	 */
	public static boolean claimsHttps(String forwardedProto, String forwarded) {
		if (forwardedProto != null) {
			int comma = forwardedProto.indexOf(',');
			String first = ((comma >= 0) ? forwardedProto.substring(0, comma) : forwardedProto).trim();
			if (first.equalsIgnoreCase("https")) {
				return true;
			}
		}
		return forwarded != null && forwarded.toLowerCase(Locale.ROOT).replace("\"", "").contains("proto=https");
	}

	/** How many such requests were seen. */
	public long getCount() {
		return this.count.sum();
	}

	/** The peer address of the last one, or {@code null}. */
	public String getLastPeer() {
		return this.lastPeer;
	}

	/** When the first one was seen, or {@code null}. */
	public Instant getFirstSeen() {
		return this.firstSeen;
	}

	/**
	 * What to set behind a TLS-terminating proxy, as the warning and the finding say it.
	 */
	public String getAdvice() {
		return this.advice;
	}

}
