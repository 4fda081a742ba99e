package dev.hsts.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Redirection of plain-HTTP requests to HTTPS
 * ({@code security.headers.https-redirect.*}).
 */
@ConfigurationProperties(prefix = "security.headers.https-redirect")
public class HttpsRedirectProperties {

	/**
	 * Whether to redirect plain-HTTP requests to the same path and query over HTTPS, on
	 * the host security.headers.https-redirect.host or else the request's own. Requests
	 * that are secure as the application sees them (including behind a trusted proxy that
	 * sets X-Forwarded-Proto) are never redirected.
	 */
	private boolean enabled = false;

	/**
	 * The host every redirect goes to, e.g. www.example.com: a host name or an IP address
	 * (an IPv6 address with or without brackets), without scheme, port or path. Unset,
	 * each request is redirected to the host it named, which is an open redirect unless
	 * security.headers.trusted-hosts.allowed lists the hosts the application serves.
	 */
	private String host;

	/**
	 * The HTTPS port put in the Location header; left out when it is 443. Set it when
	 * clients reach HTTPS on another port, e.g. 8443 in development.
	 */
	private int httpsPort = 443;

	/**
	 * A port on which to open a second, plain-HTTP connector (Tomcat only) whose requests
	 * are redirected to HTTPS, e.g. 80, or 8080 in development; it listens on
	 * server.address when that is set. Unset: no connector is opened (behind a proxy that
	 * redirects by itself, or when server.port is itself plain HTTP). Needs
	 * https-redirect.enabled=true: a plain-HTTP port that does not redirect would serve
	 * the application over plain HTTP.
	 */
	private Integer httpPort;

	/**
	 * The redirect status for GET and HEAD requests.
	 */
	private int getAndHeadStatus = 301;

	/**
	 * The redirect status for every other method. 308 keeps the method and the body; 301
	 * would let clients turn a POST into a GET.
	 */
	private int otherMethodsStatus = 308;

	/**
	 * Path patterns served over plain HTTP as they are, e.g.
	 * /.well-known/acme-challenge/** for certificate challenges and /actuator/health/**
	 * for load-balancer probes.
	 */
	private List<String> exemptPaths = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public int getHttpsPort() {
		return this.httpsPort;
	}

	public void setHttpsPort(int httpsPort) {
		this.httpsPort = httpsPort;
	}

	public Integer getHttpPort() {
		return this.httpPort;
	}

	public void setHttpPort(Integer httpPort) {
		this.httpPort = httpPort;
	}

	public int getGetAndHeadStatus() {
		return this.getAndHeadStatus;
	}

	public void setGetAndHeadStatus(int getAndHeadStatus) {
		this.getAndHeadStatus = getAndHeadStatus;
	}

	public int getOtherMethodsStatus() {
		return this.otherMethodsStatus;
	}

	public void setOtherMethodsStatus(int otherMethodsStatus) {
		this.otherMethodsStatus = otherMethodsStatus;
	}

	public List<String> getExemptPaths() {
		return this.exemptPaths;
	}

	public void setExemptPaths(List<String> exemptPaths) {
		this.exemptPaths = exemptPaths;
	}

}
