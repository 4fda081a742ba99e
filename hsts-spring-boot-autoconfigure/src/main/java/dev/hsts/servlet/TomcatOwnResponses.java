package dev.hsts.servlet;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.util.ServerInfo;
import org.apache.tomcat.util.http.parser.Host;

/**
 * The responses embedded Tomcat makes itself: the {@code 400}s of requests it refuses
 * before any filter runs (a malformed, missing or repeated {@code Host}, a bad URL
 * encoding, {@code %2F} or {@code ..} leaving the root, characters a request line or a
 * header cannot contain, headers over the size limit, an unsupported HTTP version, ...),
 * and the {@code 404} for a path outside the application's context path. They go through
 * Tomcat's valve pipeline to its error report valve but never through a filter, so the
 * starter adds its headers there, with a valve ({@link #customize(Context)}): the same
 * writers, with the same rules, as {@link SecurityHeadersFilter}, each header only if
 * absent, and never {@code Strict-Transport-Security} for a host Tomcat refuses (HSTS is
 * a promise made only for hosts the application serves).
 *
 * <p>
 * What no valve can reach: HTTP/0.9 responses (no headers at all), {@code OPTIONS *}, the
 * redirect from the context path to the context path with a trailing slash, and what
 * happens below HTTP (a failed TLS handshake, HTTP/2 stream and connection errors, a
 * connection closed or timed out before a request was read).
 *
 * <p>
 * Uses only Tomcat API present in Tomcat 10.1 and 11: {@code Context}, {@code Valve},
 * {@code ValveBase} and {@code org.apache.tomcat.util.http.parser.Host#parse(String)},
 * which is also what Tomcat itself checks a {@code Host} with.
 */
public class TomcatOwnResponses implements ServerOwnResponses {

	/**
	 * Whether this Tomcat refuses a {@code Host} port above 2147483647: 11.0.23 and
	 * later, 10.1.56 and later (older versions let the number wrap around).
	 */
	private static final boolean REFUSES_PORT_OVERFLOW = refusesPortOverflow(ServerInfo.getServerNumber());

	private final Supplier<? extends List<? extends ResponseHeaderWriter>> writers;

	private volatile boolean installed;

	/**
	 * @param writers the writers {@link SecurityHeadersFilter} applies, in order (the
	 * commit-time ones included); asked when Tomcat first answers a request itself
	 */
	public TomcatOwnResponses(Supplier<? extends List<? extends ResponseHeaderWriter>> writers) {
		this.writers = Objects.requireNonNull(writers, "writers");
	}

	/**
	 * Adds the valve to the pipeline of the context's host when the context starts, after
	 * Tomcat's error report valve, so it writes the headers before the error report is
	 * rendered. Once per host.
	 * @param context the application's context, as Spring Boot's
	 * {@code TomcatContextCustomizer} receives it
	 */
	public void customize(Context context) {
		context.addLifecycleListener((event) -> {
			if (Lifecycle.START_EVENT.equals(event.getType())) {
				install(context.getParent());
			}
		});
	}

	private void install(Container host) {
		if (host == null) {
			return;
		}
		Pipeline pipeline = host.getPipeline();
		for (Valve valve : pipeline.getValves()) {
			if (valve instanceof SecurityHeadersValve) {
				this.installed = true;
				return;
			}
		}
		pipeline.addValve(new SecurityHeadersValve(this.writers));
		this.installed = true;
	}

	@Override
	public boolean refusesHost(String hostHeader) {
		return this.installed && refuses(hostHeader);
	}

	@Override
	public boolean writesSecurityHeaders() {
		return this.installed;
	}

	/**
	 * Whether Tomcat refuses a request with this {@code Host} header with its own
	 * {@code 400}: what {@code org.apache.tomcat.util.http.parser.Host#parse(String)}
	 * refuses (a name that does not start with a letter or digit, {@code _} or any other
	 * character outside letters, digits, {@code -} and {@code .}, an empty label, a label
	 * that starts with {@code .} or ends with {@code -}, user information, a malformed
	 * IPv6 address, an IPv6 address without brackets, a port that is not all digits),
	 * and, from Tomcat 11.0.23 and 10.1.56 on, a port above 2147483647. An empty value is
	 * not refused (Tomcat takes it as an empty server name).
	 * @param hostHeader the value
	 * @return whether Tomcat refuses it
	 */
	public static boolean refuses(String hostHeader) {
		if (hostHeader == null || hostHeader.isEmpty()) {
			return false;
		}
		int colon;
		try {
			colon = Host.parse(hostHeader);
		}
		catch (RuntimeException ex) {
			return true;
		}
		if (colon >= 0 && REFUSES_PORT_OVERFLOW) {
			long port = 0;
			for (int i = colon + 1; i < hostHeader.length(); i++) {
				char c = hostHeader.charAt(i);
				if (c < '0' || c > '9') {
					return true;
				}
				port = port * 10 + (c - '0');
				if (port > Integer.MAX_VALUE) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Whether a Tomcat of this version ({@code 11.0.24.0}) refuses a port above
	 * 2147483647.
	 * @param serverNumber the version, as {@code ServerInfo.getServerNumber()} has it
	 * @return whether it does (also for a version that cannot be read)
	 */
	static boolean refusesPortOverflow(String serverNumber) {
		String[] parts = (serverNumber != null) ? serverNumber.split("\\.") : new String[0];
		try {
			int major = Integer.parseInt(parts[0]);
			int minor = Integer.parseInt(parts[1]);
			int patch = Integer.parseInt(parts[2]);
			if (major != 10 && major != 11) {
				return major > 11;
			}
			int[] fixedIn = (major == 11) ? new int[] { 0, 23 } : new int[] { 1, 56 };
			return minor > fixedIn[0] || (minor == fixedIn[0] && patch >= fixedIn[1]);
		}
		catch (RuntimeException ex) {
			return true;
		}
	}

}
