package dev.hsts.test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser's way through Spring Security's form login and logout (servlet and WebFlux):
 * the login page, the login form with its CSRF token, the logout confirmation page and
 * the logout form, carrying the session cookie along.
 */
public final class FormLogin {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*?value=\"([^\"]+)\"");

	/** What a browser accepts. */
	private static final String HTML = "text/html,application/xhtml+xml,*/*;q=0.8";

	/**
	 * A client per request: a client that reuses a keep-alive connection to Reactor Netty
	 * sometimes gets no answer after a bodiless response (with or without the starter);
	 * the session cookie is carried here, not by the client.
	 */
	private final Supplier<Http> http;

	private final String host;

	private String cookie;

	public FormLogin(Supplier<Http> http, String host) {
		this.http = http;
		this.host = host;
	}

	/** Logs in through the login page; the response to the login form. */
	public HttpResponse<String> login(String username, String password) {
		HttpResponse<String> page = get("/login");
		assertThat(page.statusCode()).as("the login page").isEqualTo(200);
		HttpResponse<String> login = post("/login",
				"username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(csrf(page)));
		assertThat(login.statusCode()).as("the login form's answer").isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
		return login;
	}

	/** Logs out through the logout confirmation page: both responses. */
	public HttpResponse<String>[] logout() {
		HttpResponse<String> page = get("/logout");
		assertThat(page.statusCode()).as("the logout page").isEqualTo(200);
		HttpResponse<String> logout = post("/logout", "_csrf=" + encode(csrf(page)));
		@SuppressWarnings("unchecked")
		HttpResponse<String>[] responses = new HttpResponse[] { page, logout };
		return responses;
	}

	/** GETs a path with the session cookie, as a browser (accepting HTML). */
	public HttpResponse<String> get(String path) {
		return remember(
				(this.cookie != null) ? this.http.get().get(this.host, path, "Accept", HTML, "Cookie", this.cookie)
						: this.http.get().get(this.host, path, "Accept", HTML));
	}

	private HttpResponse<String> post(String path, String form) {
		return remember((this.cookie != null)
				? this.http.get().postForm(this.host, path, form, "Accept", HTML, "Cookie", this.cookie)
				: this.http.get().postForm(this.host, path, form, "Accept", HTML));
	}

	private HttpResponse<String> remember(HttpResponse<String> response) {
		for (String setCookie : response.headers().allValues("Set-Cookie")) {
			String pair = setCookie.split(";", 2)[0];
			if (pair.startsWith("JSESSIONID=") || pair.startsWith("SESSION=")) {
				this.cookie = pair;
			}
		}
		return response;
	}

	private static String csrf(HttpResponse<String> page) {
		Matcher matcher = CSRF.matcher(page.body());
		assertThat(matcher.find()).as("a CSRF token on " + page.request().uri()).isTrue();
		return matcher.group(1);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
