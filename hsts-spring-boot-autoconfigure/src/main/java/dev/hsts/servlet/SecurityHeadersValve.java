package dev.hsts.servlet;

import java.io.IOException;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.hsts.core.HeaderNameSet;
import dev.hsts.core.HstsPolicy;

/**
 * A host valve, right before the host's basic valve (so after the error report valve),
 * that writes the starter's headers on a response Tomcat is about to answer itself with
 * its error report: the request failed before any filter ran (the application never
 * rendered an error page for it). Each writer writes only what is absent, once; a host
 * Tomcat refuses never gets {@code Strict-Transport-Security}. A writer that fails is
 * skipped: the response is an error already, and stays what Tomcat made it.
 */
final class SecurityHeadersValve extends ValveBase {

	private static final Log LOG = LogFactory.getLog(SecurityHeadersValve.class);

	private final Supplier<? extends List<? extends ResponseHeaderWriter>> writerSupplier;

	private static final HeaderNameSet HSTS = HeaderNameSet.of(List.of(HstsPolicy.HEADER_NAME));

	private volatile ResponseHeaderWriter[] writers;

	SecurityHeadersValve(Supplier<? extends List<? extends ResponseHeaderWriter>> writers) {
		super(true);
		this.writerSupplier = writers;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		getNext().invoke(request, response);
		if (!response.isCommitted() && response.isErrorReportRequired()) {
			writeHeaders(request, response);
		}
	}

	private void writeHeaders(Request request, Response response) {
		ResponseHeaderWriter[] writers = writers();
		if (writers.length == 0) {
			return;
		}
		HttpServletResponse target = refusedHost(request) ? WithoutHeaders.of(response, HSTS) : response;
		for (ResponseHeaderWriter writer : writers) {
			try {
				writer.writeHeaders(request, target);
			}
			catch (RuntimeException ex) {
				LOG.debug("A header writer failed on a response Tomcat made itself", ex);
			}
		}
	}

	/**
	 * The eager writers, then the commit-time ones (the response is complete: Tomcat only
	 * adds its error report).
	 */
	private ResponseHeaderWriter[] writers() {
		ResponseHeaderWriter[] writers = this.writers;
		if (writers == null) {
			HeaderWriters sorted = new HeaderWriters(this.writerSupplier.get());
			writers = new ResponseHeaderWriter[sorted.eager.length + sorted.atCommit.length];
			System.arraycopy(sorted.eager, 0, writers, 0, sorted.eager.length);
			System.arraycopy(sorted.atCommit, 0, writers, sorted.eager.length, sorted.atCommit.length);
			this.writers = writers;
		}
		return writers;
	}

	/**
	 * Whether Tomcat refused the request's host: none or more than one {@code Host}
	 * header (except over HTTP/2, which has none), or one Tomcat cannot parse.
	 */
	private static boolean refusedHost(HttpServletRequest request) {
		Enumeration<String> hosts = request.getHeaders("Host");
		if (hosts == null || !hosts.hasMoreElements()) {
			String protocol = request.getProtocol();
			return protocol == null || !protocol.startsWith("HTTP/2");
		}
		String host = hosts.nextElement();
		return hosts.hasMoreElements() || TomcatOwnResponses.refuses(host);
	}

}
