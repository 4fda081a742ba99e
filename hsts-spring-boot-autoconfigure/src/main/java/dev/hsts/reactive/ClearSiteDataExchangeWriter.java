package dev.hsts.reactive;

import java.util.List;
import java.util.Objects;

import dev.hsts.core.ClearSiteData;
import dev.hsts.core.DescribedHeaders;
import dev.hsts.core.HeaderDescription;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes {@code Clear-Site-Data} on the WebFlux responses to the configured logout paths:
 * only on a secure request (browsers ignore the header otherwise), only when the response
 * is a success or a redirect, and only when the application did not set one itself. A
 * {@link CommitTimeExchangeHeaderWriter}: it runs when the response commits, when its
 * status is known.
 */
public final class ClearSiteDataExchangeWriter implements CommitTimeExchangeHeaderWriter, DescribedHeaders {

	private static final String KEY = ExchangeHeaders.lookupKey(ClearSiteData.HEADER_NAME);

	private final ClearSiteData clearSiteData;

	/**
	 * @param clearSiteData the validated directives and paths
	 */
	public ClearSiteDataExchangeWriter(ClearSiteData clearSiteData) {
		this.clearSiteData = Objects.requireNonNull(clearSiteData, "clearSiteData");
	}

	@Override
	public void writeHeaders(ServerWebExchange exchange) {
		if (!this.clearSiteData.paths().isEmpty()
				&& this.clearSiteData.paths().matches(exchange.getRequest().getPath().pathWithinApplication())) {
			writeOnLogout(exchange, this.clearSiteData);
		}
	}

	/**
	 * Writes the header on the response to a logout: when the request is secure, the
	 * response a success or a redirect, and the header not there yet.
	 * @param exchange the exchange of a logout
	 * @param clearSiteData what to clear
	 */
	public static void writeOnLogout(ServerWebExchange exchange, ClearSiteData clearSiteData) {
		ServerHttpResponse response = exchange.getResponse();
		HttpStatusCode status = response.getStatusCode();
		if (ExchangeRequests.isSecure(exchange.getRequest())
				&& ClearSiteData.completesLogout((status != null) ? status.value() : 200)
				&& response.getHeaders().getFirst(KEY) == null) {
			response.getHeaders().set(ClearSiteData.HEADER_NAME, clearSiteData.headerValue());
		}
	}

	@Override
	public String getHeaderName() {
		return ClearSiteData.HEADER_NAME;
	}

	@Override
	public List<HeaderDescription> describe() {
		return List.of(new HeaderDescription(ClearSiteData.HEADER_NAME, this.clearSiteData.headerValue(),
				this.clearSiteData.paths().patterns(), List.of()));
	}

	@Override
	public String toString() {
		return "ClearSiteDataExchangeWriter[" + this.clearSiteData + "]";
	}

}
