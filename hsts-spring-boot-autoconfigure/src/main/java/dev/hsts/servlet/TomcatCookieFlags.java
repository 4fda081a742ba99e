package dev.hsts.servlet;

import java.nio.charset.Charset;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleEvent;
import org.apache.catalina.LifecycleListener;
import org.apache.tomcat.util.http.CookieProcessor;
import org.apache.tomcat.util.http.MimeHeaders;
import org.apache.tomcat.util.http.Rfc6265CookieProcessor;
import org.apache.tomcat.util.http.ServerCookies;

import dev.hsts.core.CookieFlags;

/**
 * The cookie flags on every {@link Cookie} embedded Tomcat turns into a
 * {@code Set-Cookie} header: the application's {@code addCookie} (whichever response
 * wrapper it went through) and the cookies Tomcat adds itself on the connector's
 * response, below every wrapper (the session cookie, {@code JSESSIONID}). Wraps the
 * context's {@code CookieProcessor} when the context starts: the processor in place
 * (Tomcat's {@link Rfc6265CookieProcessor}, or the one Spring Boot sets for
 * {@code server.servlet.session.cookie.same-site} and {@code CookieSameSiteSupplier}
 * beans) writes the header first, with every decision it makes, and the flags are then
 * appended only where the header lacks them.
 *
 * <p>
 * {@code Secure} is added when Tomcat's request is secure, or when the
 * {@link SecurityHeadersFilter} saw the request as secure (Spring's
 * {@code ForwardedHeaderFilter}, {@code server.forward-headers-strategy=framework}),
 * which it notes in the request attribute {@link #SECURE_ATTRIBUTE}.
 */
public class TomcatCookieFlags implements BooleanSupplier {

	/**
	 * Set by {@link SecurityHeadersFilter} when the application sees as secure a request
	 * Tomcat may see as plain.
	 */
	public static final String SECURE_ATTRIBUTE = "dev.hsts.servlet.TomcatCookieFlags.secure";

	private final CookieFlags flags;

	private volatile boolean installed;

	/**
	 * @param flags the flags to add
	 */
	public TomcatCookieFlags(CookieFlags flags) {
		this.flags = Objects.requireNonNull(flags, "flags");
	}

	/**
	 * Wraps the context's cookie processor when the context starts, after every
	 * customizer (Spring Boot's included) has set its own.
	 * @param context the application's context, as Spring Boot's
	 * {@code TomcatContextCustomizer} receives it
	 */
	public void customize(Context context) {
		context.addLifecycleListener(new Installer(context));
	}

	/** Whether Tomcat adds the flags to cookie objects (the processor is wrapped). */
	@Override
	public boolean getAsBoolean() {
		return this.installed;
	}

	/** The flags. */
	public CookieFlags getFlags() {
		return this.flags;
	}

	private final class Installer implements LifecycleListener {

		private final Context context;

		Installer(Context context) {
			this.context = context;
		}

		@Override
		public void lifecycleEvent(LifecycleEvent event) {
			if (Lifecycle.START_EVENT.equals(event.getType())) {
				CookieProcessor processor = this.context.getCookieProcessor();
				if (!(processor instanceof FlaggingCookieProcessor)) {
					this.context.setCookieProcessor(
							new FlaggingCookieProcessor((processor != null) ? processor : new Rfc6265CookieProcessor(),
									TomcatCookieFlags.this.flags));
				}
				TomcatCookieFlags.this.installed = true;
			}
		}

	}

	/** The context's processor, with the flags appended to what it generates. */
	static final class FlaggingCookieProcessor implements CookieProcessor {

		private final CookieProcessor delegate;

		private final CookieFlags flags;

		FlaggingCookieProcessor(CookieProcessor delegate, CookieFlags flags) {
			this.delegate = delegate;
			this.flags = flags;
		}

		@Override
		public void parseCookieHeader(MimeHeaders headers, ServerCookies serverCookies) {
			this.delegate.parseCookieHeader(headers, serverCookies);
		}

		@Override
		public String generateHeader(Cookie cookie, HttpServletRequest request) {
			String header = this.delegate.generateHeader(cookie, request);
			boolean secure = request != null && (request.isSecure() || request.getAttribute(SECURE_ATTRIBUTE) != null);
			return this.flags.amend(header, secure);
		}

		@Override
		public Charset getCharset() {
			return this.delegate.getCharset();
		}

		/** The processor this one wraps. */
		CookieProcessor getDelegate() {
			return this.delegate;
		}

	}

}
