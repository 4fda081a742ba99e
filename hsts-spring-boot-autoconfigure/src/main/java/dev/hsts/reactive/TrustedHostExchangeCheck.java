package dev.hsts.reactive;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.hsts.core.HostRefusal;
import dev.hsts.core.HostRejection;
import dev.hsts.core.RejectionReason;
import dev.hsts.core.TrustedHosts;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Applies the {@link TrustedHosts} policy to a WebFlux exchange: the raw {@code Host}
 * header (exactly one, strictly parsed) and the host the application will see (the host
 * of the request URI, which reflects {@code X-Forwarded-Host} or {@code Forwarded} only
 * where the server's forwarded-header handling applied them). The verdict is kept for the
 * exchange, so the HSTS writer and the filter parse the request once: in a field of the
 * starter's response where the application has its {@code HttpHandler} decorator (Spring
 * Boot's, or any built with {@code WebHttpHandlerBuilder} from the context), and in the
 * exchange attribute {@link #VERDICT_ATTRIBUTE} otherwise and for every refusal.
 */
public class TrustedHostExchangeCheck {

	private static final String HOST_KEY = ExchangeHeaders.lookupKey(HostRejection.HOST);

	/**
	 * The exchange attribute that holds the verdict once {@link #verify} worked it out: a
	 * {@link RejectionReason}, or {@link Boolean#TRUE}. Where the exchange's response is
	 * built on the starter's (its {@code HttpHandler} decorator applied), a pass is kept
	 * there instead and the attribute is set only for a refusal.
	 */
	public static final String VERDICT_ATTRIBUTE = TrustedHostExchangeCheck.class.getName() + ".verdict";

	private static final String X_FORWARDED_HOST = "X-Forwarded-Host";

	private static final String FORWARDED = "Forwarded";

	private final TrustedHosts trustedHosts;

	/**
	 * Whether the policy is off, kept here: read first on every request, before anything
	 * else of the policy.
	 */
	private final boolean off;

	/**
	 * @param trustedHosts the policy
	 */
	public TrustedHostExchangeCheck(TrustedHosts trustedHosts) {
		this.trustedHosts = Objects.requireNonNull(trustedHosts, "trustedHosts");
		this.off = trustedHosts.isOff();
	}

	/**
	 * Checks the host of an exchange, ignoring exempt paths.
	 * @param exchange the exchange
	 * @return empty when the host is trusted (always, when the check is off), otherwise
	 * why not
	 */
	public Optional<RejectionReason> verify(ServerWebExchange exchange) {
		if (this.off) {
			return Optional.empty();
		}
		CommitPassResponse ours = CommitPassResponse.in(exchange.getResponse());
		Object cached = (ours != null) ? ours.hostVerdict() : exchange.getAttribute(VERDICT_ATTRIBUTE);
		if (cached instanceof RejectionReason reason) {
			return Optional.of(reason);
		}
		if (Boolean.TRUE.equals(cached)) {
			return Optional.empty();
		}
		ServerHttpRequest request = exchange.getRequest();
		String host = ReactorNettyRequestHeaders.host(request);
		if (host == ReactorNettyRequestHeaders.NOT_NATIVE) {
			List<String> hosts = ExchangeHeaders.lines(request.getHeaders(), HOST_KEY);
			host = (hosts.size() > 1) ? ReactorNettyRequestHeaders.MORE_THAN_ONE
					: hosts.isEmpty() ? null : hosts.get(0);
		}
		Optional<RejectionReason> verdict = (host == ReactorNettyRequestHeaders.MORE_THAN_ONE)
				? Optional.of(RejectionReason.MALFORMED)
				: this.trustedHosts.check(host, ExchangeRequests.serverName(request));
		Object kept = verdict.isPresent() ? verdict.get() : Boolean.TRUE;
		if (ours != null) {
			ours.hostVerdict(kept);
		}
		if (ours == null || verdict.isPresent()) {
			exchange.getAttributes().put(VERDICT_ATTRIBUTE, kept);
		}
		return verdict;
	}

	/**
	 * What was refused, for messages: the reason, the header whose value was refused (the
	 * {@code Host} header, or the forwarded header the application took its host from),
	 * its value and what is wrong with it.
	 * @param exchange the exchange
	 * @return empty when the host is trusted, otherwise the rejection
	 */
	public Optional<HostRejection> rejection(ServerWebExchange exchange) {
		Optional<RejectionReason> verdict = verify(exchange);
		if (verdict.isEmpty()) {
			return Optional.empty();
		}
		ServerHttpRequest request = exchange.getRequest();
		String path = request.getURI().getRawPath();
		List<String> hosts = ExchangeHeaders.lines(request.getHeaders(), HostRejection.HOST);
		String host = request.getHeaders().getFirst(HostRejection.HOST);
		if (hosts.size() > 1) {
			return Optional.of(new HostRejection(verdict.get(), host, null, path, HostRejection.HOST, host,
					"it appears more than once"));
		}
		String serverName = ExchangeRequests.serverName(request);
		Optional<HostRefusal> refusal = this.trustedHosts.refusal(host, serverName);
		if (refusal.isPresent() && refusal.get().effectiveHost()) {
			String forwarded = request.getHeaders().getFirst(FORWARDED);
			String header = (forwarded != null && !forwarded.isBlank()) ? FORWARDED : X_FORWARDED_HOST;
			return Optional.of(new HostRejection(refusal.get().reason(), host, serverName, path, header,
					request.getHeaders().getFirst(header), refusal.get().problem()));
		}
		return Optional.of(new HostRejection(refusal.map(HostRefusal::reason).orElse(verdict.get()), host, serverName,
				path, HostRejection.HOST, host, refusal.map(HostRefusal::problem).orElse(null)));
	}

	/**
	 * Whether the host of an exchange is trusted (ignoring exempt paths). With the check
	 * off, every host is.
	 * @param exchange the exchange
	 * @return whether it is trusted
	 */
	public boolean isTrusted(ServerWebExchange exchange) {
		return verify(exchange).isEmpty();
	}

	/**
	 * Whether the exchange's path skips the check: the path within the application,
	 * parsed as WebFlux matches handlers against it, without {@code .} or {@code ..}
	 * segments.
	 * @param exchange the exchange
	 * @return whether it is exempt
	 */
	public boolean isExempt(ServerWebExchange exchange) {
		if (this.trustedHosts.exemptPaths().isEmpty()) {
			return false;
		}
		PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
		return !hasDotSegments(path) && this.trustedHosts.isExemptRequestPath(path);
	}

	/**
	 * Whether a path has a {@code .} or {@code ..} segment (also percent-encoded).
	 * WebFlux does not resolve them, but a proxy or backend behind the application may:
	 * an exempt {@code /health/../private} would reach {@code /private} there, so such a
	 * path is never exempt.
	 */
	private static boolean hasDotSegments(PathContainer path) {
		for (PathContainer.Element element : path.elements()) {
			if (element instanceof PathContainer.PathSegment segment) {
				String value = segment.valueToMatch();
				if (value.equals(".") || value.equals("..")) {
					return true;
				}
			}
		}
		return false;
	}

	/** The policy. */
	public TrustedHosts getTrustedHosts() {
		return this.trustedHosts;
	}

}
