package dev.hsts.reactive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import dev.hsts.core.CookieFlags;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebSession;

/**
 * The cookie flags on one WebFlux response, just before it commits: on each
 * {@link ResponseCookie} of {@link ServerHttpResponse#getCookies()} and on each raw
 * {@code Set-Cookie} header line. A {@code false} {@code secure} or {@code httpOnly} and
 * a {@code null} {@code sameSite} of a {@code ResponseCookie} cannot be told from unset
 * ones: an exception keeps a cookie without a flag.
 *
 * <p>
 * The WebSession's cookie ({@code SESSION}) is added by the session manager's own
 * {@code beforeCommit} action, registered when the session is first asked for, after this
 * one, and commit actions run in the order they were registered: so when the session is
 * asked for through the exchange this filter passes on ({@link Exchange}), this action is
 * registered once more, after the session's.
 */
final class ResponseCookieFlags implements Supplier<Mono<Void>>, Consumer<WebSession> {

	private static final String SET_COOKIE = "Set-Cookie";

	private static final String SET_COOKIE_KEY = ExchangeHeaders.lookupKey(SET_COOKIE);

	private final CookieFlags flags;

	private final ServerHttpResponse response;

	private final boolean secureRequest;

	private boolean afterSession;

	ResponseCookieFlags(CookieFlags flags, ServerHttpResponse response, boolean secureRequest) {
		this.flags = flags;
		this.response = response;
		this.secureRequest = secureRequest;
	}

	@Override
	public Mono<Void> get() {
		flagCookies();
		flagHeaders();
		return Mono.empty();
	}

	/** The session was asked for: run again after the session manager's action. */
	@Override
	public void accept(WebSession session) {
		if (!this.afterSession) {
			this.afterSession = true;
			this.response.beforeCommit(this);
		}
	}

	private void flagCookies() {
		MultiValueMap<String, ResponseCookie> cookies = this.response.getCookies();
		if (cookies.isEmpty()) {
			return;
		}
		for (Map.Entry<String, List<ResponseCookie>> entry : cookies.entrySet()) {
			List<ResponseCookie> list = entry.getValue();
			List<ResponseCookie> flagged = null;
			for (int i = 0; i < list.size(); i++) {
				ResponseCookie cookie = list.get(i);
				ResponseCookie amended = flagged(cookie);
				if (amended != cookie) {
					if (flagged == null) {
						flagged = new ArrayList<>(list);
					}
					flagged.set(i, amended);
				}
			}
			if (flagged != null) {
				entry.setValue(flagged);
			}
		}
	}

	private ResponseCookie flagged(ResponseCookie cookie) {
		if (cookie == null) {
			return null;
		}
		int missing = this.flags.missing(cookie.getName(), cookie.isSecure(), cookie.isHttpOnly(),
				cookie.getSameSite() != null, this.secureRequest);
		if (missing == 0) {
			return cookie;
		}
		ResponseCookie.ResponseCookieBuilder builder = cookie.mutate();
		if ((missing & CookieFlags.SECURE) != 0) {
			builder.secure(true);
		}
		if ((missing & CookieFlags.HTTP_ONLY) != 0) {
			builder.httpOnly(true);
		}
		if ((missing & CookieFlags.SAME_SITE) != 0) {
			builder.sameSite(this.flags.sameSite(cookie.getName()));
		}
		return builder.build();
	}

	private void flagHeaders() {
		HttpHeaders headers = this.response.getHeaders();
		List<String> lines = ExchangeHeaders.lines(headers, SET_COOKIE_KEY);
		if (lines.isEmpty()) {
			return;
		}
		List<String> flagged = null;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			String amended = this.flags.amend(line, this.secureRequest);
			if (amended != line) {
				if (flagged == null) {
					flagged = new ArrayList<>(lines);
				}
				flagged.set(i, amended);
			}
		}
		if (flagged != null) {
			headers.set(SET_COOKIE, flagged.get(0));
			for (int i = 1; i < flagged.size(); i++) {
				headers.add(SET_COOKIE, flagged.get(i));
			}
		}
	}

	/**
	 * The exchange passed on down the chain: its session, when asked for, registers the
	 * flags once more after the session manager's commit action.
	 */
	static final class Exchange extends ServerWebExchangeDecorator {

		private final ResponseCookieFlags flags;

		Exchange(ServerWebExchange delegate, ResponseCookieFlags flags) {
			super(delegate);
			this.flags = flags;
		}

		@Override
		public Mono<WebSession> getSession() {
			return getDelegate().getSession().doOnNext(this.flags);
		}

	}

}
