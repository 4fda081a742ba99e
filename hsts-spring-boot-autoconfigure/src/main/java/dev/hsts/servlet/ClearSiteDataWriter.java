package dev.hsts.servlet;

import java.util.List;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.core.ClearSiteData;
import dev.hsts.core.HeaderDescription;

/**
 * Writes {@code Clear-Site-Data} on the responses to the configured logout paths, where
 * no Spring Security logout handler sends it: only on a secure request (browsers ignore
 * the header otherwise), only when the response is a success or a redirect, and only when
 * the application did not set one itself. A {@link CommitTimeHeaderWriter}: it runs when
 * the response is complete, when its status is known.
 */
public final class ClearSiteDataWriter implements CommitTimeHeaderWriter, DescribedHeaderWriter {

	private final ClearSiteData clearSiteData;

	/**
	 * @param clearSiteData the validated directives and paths
	 */
	public ClearSiteDataWriter(ClearSiteData clearSiteData) {
		this.clearSiteData = Objects.requireNonNull(clearSiteData, "clearSiteData");
	}

	@Override
	public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		if (request.isSecure() && !response.containsHeader(ClearSiteData.HEADER_NAME)
				&& this.clearSiteData.appliesTo(RequestPaths.pathWithinApplication(request), response.getStatus())) {
			response.setHeader(ClearSiteData.HEADER_NAME, this.clearSiteData.headerValue());
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
		return "ClearSiteDataWriter[" + this.clearSiteData + "]";
	}

}
