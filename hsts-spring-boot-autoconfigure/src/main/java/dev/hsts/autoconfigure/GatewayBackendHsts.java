package dev.hsts.autoconfigure;

import dev.hsts.core.HstsPolicy;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * In a Spring Cloud Gateway, drops the {@code Strict-Transport-Security} a backend sends
 * from the response the gateway passes on: the gateway terminates TLS, so the HSTS
 * promise is its own, and the starter writes the gateway's staged policy instead (or
 * none, where the gateway's policy sends none: plain HTTP, {@code localhost}, before a
 * scheduled rollout starts). Without this, a backend's own policy (a one-year
 * {@code includeSubDomains} on day one, say) would replace the gateway's. The backend's
 * other headers pass as they are: those are its own choices for its own content.
 */
final class GatewayBackendHsts implements HttpHeadersFilter {

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		if (input.getFirst(HstsPolicy.HEADER_NAME) == null) {
			return input;
		}
		HttpHeaders filtered = new HttpHeaders();
		input.forEach((name, values) -> {
			if (!name.equalsIgnoreCase(HstsPolicy.HEADER_NAME)) {
				filtered.put(name, values);
			}
		});
		return filtered;
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.RESPONSE;
	}

}
