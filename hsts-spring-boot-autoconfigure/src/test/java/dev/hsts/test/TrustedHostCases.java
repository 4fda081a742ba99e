package dev.hsts.test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trusted-host table both stacks are tested with (servlet on Tomcat:
 * {@code dev.hsts.servlet.TrustedHostsOverTlsTest}; WebFlux on Netty:
 * {@code dev.hsts.reactive.TrustedHostsOverTlsTest}): the configuration, the Host values
 * that must reach the application, the well-formed ones it does not serve, the malformed
 * ones and the malformed requests, and what a refusal must look like. The test
 * applications answer {@code /host} (and {@code /health/live}, {@code /healthy},
 * {@code /private}) with {@code serverName=<host they saw>}, and an application filter
 * that runs right after the trusted-host check marks every response it touches with
 * {@code X-App-Filter: ran}.
 */
public final class TrustedHostCases {

	public static final String HSTS = "Strict-Transport-Security";

	/** The ports each host is tried with ({@code ""}: none). */
	public static final String[] PORTS = { "", ":1", ":80", ":443", ":8443", ":65535" };

	/** The exact problem a host that is not served gets. */
	public static final String NOT_ALLOWED_BODY = "{\"type\":\"about:blank\",\"title\":\"Host not allowed\",\"status\":400,"
			+ "\"detail\":\"The host of this request is not one this application serves.\",\"reason\":\"not-allowed\"}";

	/** Hosts that pass only on an exempt path. */
	public static final List<String> HOSTS_FOR_EXEMPT_PATHS = List.of("10.9.8.7:8080", "evil.com", "example.test",
			"[fe80::1]");

	/** Paths that are not exempt, however they resemble the exempt ones. */
	public static final List<String> NOT_EXEMPT_PATHS = List.of("/healthy", "/private", "/x/health/live",
			"/host;/health/live", "/host?/health/live", "/health/../private", "/health/%2e%2e/private", "/HEALTH/live");

	/** Encoded and parameterised spellings of exempt paths, still exempt. */
	public static final List<String> EXEMPT_PATH_SPELLINGS = List.of("/health", "/health/", "/health/live",
			"/health/liv%65", "/health;x=1/live", "/health/live;jsessionid=1");

	private TrustedHostCases() {
	}

	/**
	 * The trusted-host configuration of the table: the allowed hosts, the exempt paths,
	 * and an HSTS exclusion that excludes none of the hosts tried.
	 * @return the properties, {@code name=value}
	 */
	public static List<String> properties() {
		return List.of("security.headers.trusted-hosts.allowed=api.example.test,*.example.test,localhost,127.0.0.1,::1,"
				+ "10.0.0.0/8,fd00::/8,b\u00fccher.test,"
				// Entries from Django's host validation tests.
				+ "forward.com,example.com,internal.com,12.34.56.78,[2001:19f0:feee::dead:beef:cafe],xn--4ca9at.com,"
				+ "*.multitenant.com,multitenant.com", "security.headers.trusted-hosts.exempt-paths=/health/**",
				"security.headers.hsts.excluded-hosts=none.invalid");
	}

	/**
	 * Hosts the table allows, each with each of {@link #PORTS}: they reach the
	 * application.
	 */
	public static Stream<String> allowedHosts() {
		List<String> names = List.of("api.example.test", "API.EXAMPLE.TEST", "Api.Example.Test", "api.example.test.",
				"a.example.test", "www.example.test", "WWW.Example.Test.", "a.b.example.test", "a.b.c.d.e.example.test",
				"x-y.example.test", "1.example.test", "123.example.test", "xn--bcher-kva.example.test",
				"xn--bcher-kva.test", "XN--BCHER-KVA.TEST", "xn--bcher-kva.test.", "localhost", "LOCALHOST",
				"localhost.", "127.0.0.1", "10.1.2.3", "10.0.0.0", "10.255.255.255", "[::1]", "[0:0:0:0:0:0:0:1]",
				"[::0001]", "[fd00::1]", "[FD12:3456::ABCD]", "[fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]",
				"[::ffff:10.1.2.3]", "a".repeat(63) + ".example.test",
				"b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60) + "." + "e".repeat(50) + ".example.test",
				// Django's legitimate hosts.
				"example.com", "forward.com", "internal.com", "12.34.56.78", "[2001:19f0:feee::dead:beef:cafe]",
				"[2001:19F0:FEEE:0:0:DEAD:BEEF:CAFE]", "xn--4ca9at.com", "anything.multitenant.com", "multitenant.com",
				// ASP.NET Core HostFiltering's.
				"localHost", "sub.example.test", "a.b.multitenant.com");
		return withEveryPort(names);
	}

	/** Each name with each of {@link #PORTS}. */
	public static Stream<String> withEveryPort(List<String> names) {
		return names.stream().flatMap((name) -> Stream.of(PORTS).map((port) -> name + port));
	}

	/**
	 * Well-formed hosts the table does not allow, each with each of {@link #PORTS}: they
	 * get the starter's 400 problem ({@code not-allowed}).
	 */
	public static Stream<String> hostsNotServed() {
		List<String> names = List.of("example.test", "EXAMPLE.test.", "Example.Test", "evil.com", "EVIL.COM.",
				"api.example.test.evil.com", "example.test.evil.com", "evilexample.test", "api-example.test",
				"xexample.test", "example.testx", "a.example.testx", "api.example.tes", "pi.example.test.x", "example",
				"test", "a", "1", "localhost.localdomain", "localhost2", "alocalhost", "x.localhost",
				"xn--bcher-kva.example", "xn--bcher-kva.test.evil.com", "bcher.test", "127.0.0.2", "127.0.0.0",
				"11.0.0.1", "9.255.255.255", "192.168.1.1", "0.0.0.0", "255.255.255.255", "[::2]", "[::]", "[fe80::1]",
				"[fc00::1]", "[fe00::1]", "[2001:db8::1]", "[::ffff:127.0.0.2]", "127.1", "0x7f.0.0.1", "2130706433",
				"010.1.2.3", "10.1.2.3.4", "1.2.3", "0177.0.0.1", "localhost.example.test.evil.com",
				"z".repeat(63) + ".com",
				// Django's poisoned hosts that are well-formed, and the apex/wildcard
				// edge.
				"other.com", "notexample.com", "example.com.evil.tld", "multitenant.com.evil.tld",
				"evilmultitenant.com", "[2001:19f0:feee::dead:beef:cafd]", "12.34.56.79",
				// ASP.NET Core HostFiltering's and Rails HostAuthorization's.
				"nowhere.com", "example.test.", "sub.example.test.evil.com", "attacker.com",
				"example.com.attacker.com");
		return withEveryPort(names);
	}

	/**
	 * Malformed Host values (the value, and the header line that sends it): a 4xx, never
	 * the application.
	 */
	public static Stream<Arguments> malformedHosts() {
		List<String> values = new ArrayList<>(List.of("", " ", "api.example.test:", ":443", ":", "api.example.test:0",
				"api.example.test:00", "api.example.test:65536", "api.example.test:99999", "api.example.test:100000",
				"api.example.test:-1", "api.example.test:+443", "api.example.test:443x", "api.example.test:0443",
				"api.example.test:4 43", "api.example.test:443:443", "api.example.test:https",
				"evil.com:443@api.example.test", "user@api.example.test", "user:pass@api.example.test",
				"@api.example.test", "api.example.test@evil.com", "api.example.test@", "api example.test",
				"api.exa\tmple.test", "x_y.example.test", "_", "api.exa\u0001mple.test", "api.example.test\u007f",
				"api..example.test", ".api.example.test", "api.example.test..", ".", "..", "-api.example.test",
				"api-.example.test", "api.-x.example.test", "[::1", "::1]", "[::1]]", "[[::1]]", "::1", "fd00::1",
				"[::1]x", "[::1]:", "[::1]:0", "[::1]:65536", "[::1]:x", "[::1]8443", "[1.2.3.4]", "[10.1.2.3]:443",
				"[v1.x]", "[fe80::1%25eth0]", "[fe80::1%eth0]", "[::g]", "[]", "[:]", "[1:2]", "[::1::1]", "[.::]",
				"api.example.test/path", "api.example.test/", "/api.example.test", "api.example.test?x",
				"api.example.test#x", "api.example.test\\x", "api%2eexample.test", "%61pi.example.test",
				"api.example.test,evil.com", "api.example.test, evil.com", "api.example.test;x", "'api.example.test'",
				"\"api.example.test\"", "<api.example.test>", "a(b).example.test", "a!b.example.test",
				"a$b.example.test", "a&b.example.test", "a=b.example.test", "*.example.test", "*", "a~b.example.test",
				"a+b.example.test", "http://api.example.test", "https://api.example.test/", "api.example.test:80 80",
				"a".repeat(64) + ".example.test", "x." + "a".repeat(250) + ".example.test",
				"a.".repeat(126) + "example.test", "b\u00fccher.test", "ex\u00e4mple.test", "api.example.test\u00a0",
				// Django's poisoned hosts.
				"example.com@evil.tld", "example.com:dr.frankenstein@evil.tld",
				"example.com:dr.frankenstein@evil.tld:80", "example.com:80/badpath",
				"example.com: recovermypassword.com", "[2001:19f0:feee::dead:beef:cafe",
				"2001:19f0:feee::dead:beef:cafe", "[2001:19f0:feee::dead:beef:cafe]:xyz",
				// Rails HostAuthorization's and other open-redirect spellings.
				"example.com#@evil.com", "evil.com\\@example.com", "evil.com/example.com", "evil.com?.example.com",
				"evil.com#.example.com", "example.com\\.evil.com", "api.example.test%00.evil.com",
				"api.example.test\u0000.evil.com", "example.com:80@evil.com:80"));
		return values.stream().map((value) -> Arguments.of(value, new String[] { "Host: " + value }));
	}

	/**
	 * Requests with a missing, empty, doubled or oversized Host (a description, the
	 * header lines): a 4xx, never the application.
	 */
	public static Stream<Arguments> malformedRequests() {
		return Stream.of(Arguments.of("no Host header", new String[0]),
				Arguments.of("two Host headers, same value",
						new String[] { "Host: api.example.test", "Host: api.example.test" }),
				Arguments.of("two Host headers, second not served",
						new String[] { "Host: api.example.test", "Host: evil.com" }),
				Arguments.of("two Host headers, first not served",
						new String[] { "Host: evil.com", "Host: api.example.test" }),
				Arguments.of("Host with empty name", new String[] { "Host:" }),
				Arguments.of("Host header over 255 characters", new String[] { "Host: " + "a".repeat(300) }),
				Arguments.of("Host header of 10000 characters", new String[] { "Host: " + "a.".repeat(5000) }));
	}

	/**
	 * Asserts the starter's refusal: 400 problem with {@code reason}, no-store, nosniff,
	 * no HSTS, and no application code ran.
	 */
	public static void assertRejected(RawHttp.Response response, String reason) {
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.body()).contains("\"reason\":\"" + reason + "\"");
		assertThat(response.headers("Cache-Control")).containsExactly("no-store");
		assertThat(response.headers("X-Content-Type-Options")).containsExactly("nosniff");
		assertThat(response.headers(HSTS)).isEmpty();
		assertThat(response.header("X-App-Filter")).isNull();
	}

	/**
	 * Asserts a refusal of a malformed request: a 4xx (the server's or the starter's,
	 * whichever refuses first; the starter's says {@code malformed}), no HSTS, and no
	 * application code ran.
	 */
	public static void assertMalformed(RawHttp.Response response) {
		assertThat(response.status()).isBetween(400, 499);
		assertThat(response.header("X-App-Filter")).isNull();
		assertThat(response.headers(HSTS)).isEmpty();
		if (response.header("Content-Type") != null
				&& response.header("Content-Type").startsWith("application/problem+json")) {
			assertThat(response.body()).contains("\"reason\":\"malformed\"");
		}
	}

}
