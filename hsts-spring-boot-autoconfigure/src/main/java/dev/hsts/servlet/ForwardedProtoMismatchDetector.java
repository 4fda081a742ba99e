package dev.hsts.servlet;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import jakarta.servlet.http.HttpServletRequest;

import dev.hsts.core.UntrustedText;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Detects the most common deployment mistake: a proxy terminates TLS and says so with
 * {@code X-Forwarded-Proto: https} (or {@code Forwarded: proto=https}), but the
 * application does not believe it, sees the request as plain HTTP, and silently sends no
 * HSTS. Logs one clear warning the first time, counts the rest, and is reported as a
 * finding. Costs nothing on secure requests and one header read on plain ones.
 */
public class ForwardedProtoMismatchDetector {

	private static final Log LOG = LogFactory.getLog(ForwardedProtoMismatchDetector.class);

	private final AtomicBoolean warned = new AtomicBoolean();

	private final LongAdder count = new LongAdder();

	private volatile String lastPeer;

	private volatile Instant firstSeen;

	/**
	 * Checks a request the application sees as not secure.
	 * @param request the request
	 */
	public void check(HttpServletRequest request) {
		if (request.isSecure() || !claimsHttps(request)) {
			return;
		}
		this.count.increment();
		String peer = request.getRemoteAddr();
		this.lastPeer = peer;
		if (this.warned.compareAndSet(false, true)) {
			this.firstSeen = Instant.now();
			LOG.warn("A request from " + UntrustedText.escape(peer)
					+ " says it arrived over HTTPS (X-Forwarded-Proto or "
					+ "Forwarded proto=https), but the application sees it as plain HTTP, so it gets no "
					+ "Strict-Transport-Security. If a proxy or load balancer terminates TLS in front of the application, "
					+ "set server.forward-headers-strategy=native and list the proxy's address in "
					+ "server.tomcat.remoteip.internal-proxies (a regular expression). If the request did not come from "
					+ "your proxy, someone sent a forged header and nothing is wrong. (Logged once; see "
					+ "/actuator/securityheaders for the count.)");
		}
	}

	private static boolean claimsHttps(HttpServletRequest request) {
		String proto = request.getHeader("X-Forwarded-Proto");
		if (proto != null) {
			int comma = proto.indexOf(',');
			String first = ((comma >= 0) ? proto.substring(0, comma) : proto).trim();
			if (first.equalsIgnoreCase("https")) {
				return true;
			}
		}
		String forwarded = request.getHeader("Forwarded");
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

}
