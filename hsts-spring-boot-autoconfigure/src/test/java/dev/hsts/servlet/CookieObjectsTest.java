package dev.hsts.servlet;

import java.util.List;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import dev.hsts.core.CookieFlags;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flags on {@link Cookie} objects where no container processor adds them (a servlet
 * container other than Tomcat): on a copy, the application's object left as it is.
 */
class CookieObjectsTest {

	static final CookieFlags FLAGS = CookieFlags.builder("cookies", true, true, "Lax")
		.exception(0, "XSRF-TOKEN", null, false, null)
		.build();

	@Test
	void aCookieWithoutFlagsGetsThemOnACopy() {
		Cookie cookie = new Cookie("id", "1");
		Cookie flagged = CookieObjects.flagged(FLAGS, cookie, true);
		assertThat(flagged).isNotSameAs(cookie);
		assertThat(flagged.getSecure()).isTrue();
		assertThat(flagged.isHttpOnly()).isTrue();
		assertThat(flagged.getAttribute("SameSite")).isEqualTo("Lax");
		assertThat(cookie.getSecure()).isFalse();
		assertThat(cookie.isHttpOnly()).isFalse();
		assertThat(cookie.getAttribute("SameSite")).isNull();
	}

	@Test
	void theApplicationsFlagsAreKept() {
		Cookie cookie = new Cookie("id", "1");
		cookie.setAttribute("SameSite", "None");
		cookie.setSecure(true);
		cookie.setHttpOnly(true);
		assertThat(CookieObjects.flagged(FLAGS, cookie, true)).isSameAs(cookie);
		assertThat(cookie.getAttribute("SameSite")).isEqualTo("None");
	}

	@Test
	void plainRequestsAndExceptions() {
		Cookie plain = CookieObjects.flagged(FLAGS, new Cookie("id", "1"), false);
		assertThat(plain.getSecure()).isFalse();
		assertThat(plain.isHttpOnly()).isTrue();
		Cookie xsrf = CookieObjects.flagged(FLAGS, new Cookie("XSRF-TOKEN", "t"), true);
		assertThat(xsrf.isHttpOnly()).isFalse();
		assertThat(xsrf.getSecure()).isTrue();
	}

	@Test
	void throughTheFiltersResponseWhenTheContainerDoesNotFlagCookies() throws Exception {
		SecurityHeadersFilter filter = new SecurityHeadersFilter(List.of());
		filter.setCookieFlags(FLAGS, null);
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.setSecure(true);
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, (req, res) -> {
			jakarta.servlet.http.HttpServletResponse http = (jakarta.servlet.http.HttpServletResponse) res;
			http.addCookie(new Cookie("obj", "1"));
			http.addHeader("Set-Cookie", "hdr=1");
			http.setHeader("X-Other", "a=b");
		});
		assertThat(response.getCookie("obj").getSecure()).isTrue();
		assertThat(response.getCookie("obj").isHttpOnly()).isTrue();
		assertThat(response.getCookie("obj").getAttribute("SameSite")).isEqualTo("Lax");
		assertThat(response.getHeaders("Set-Cookie")).contains("hdr=1; Secure; HttpOnly; SameSite=Lax");
		assertThat(response.getHeader("X-Other")).isEqualTo("a=b");
	}

}
