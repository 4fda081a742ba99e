package dev.hsts.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.servlet.HeadersEndpoints;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application whose own chain configures header writers of its own in Spring Security:
 * a static header, and one that writes what it sees of the response and the security
 * context when it runs (which shows that it runs when Spring Security would run it: at
 * commit, inside Spring Security's chain).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ HeadersEndpoints.class, SpringSecurityWritersApplication.Endpoints.class })
public class SpringSecurityWritersApplication {

	static final String STATIC = "X-Static";

	static final String SEEN = "X-Seen";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.httpBasic(Customizer.withDefaults())
			.headers((headers) -> headers.addHeaderWriter(new StaticHeadersWriter(STATIC, "one"))
				.addHeaderWriter(new WhatItSees()));
		return http.build();
	}

	@Bean
	UserDetailsService users() {
		return new InMemoryUserDetailsManager(User.withUsername("user").password("{noop}secret").roles("USER").build());
	}

	/** Writes the status, the content type and the user it sees when it runs. */
	static final class WhatItSees implements HeaderWriter {

		@Override
		public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
			if (!response.containsHeader(SEEN)) {
				Authentication user = SecurityContextHolder.getContext().getAuthentication();
				response.setHeader(SEEN, response.getStatus() + " " + response.getContentType() + " "
						+ ((user != null) ? user.getName() : null));
			}
		}

	}

	@RestController
	static class Endpoints {

		/**
		 * The classes of the request and response wrappers the application sees,
		 * outermost first.
		 */
		@GetMapping("/wrappers")
		String wrappers(HttpServletRequest request, HttpServletResponse response) {
			StringBuilder classes = new StringBuilder();
			ServletRequest currentRequest = request;
			while (currentRequest instanceof ServletRequestWrapper wrapper) {
				classes.append(currentRequest.getClass().getName()).append('\n');
				currentRequest = wrapper.getRequest();
			}
			ServletResponse currentResponse = response;
			while (currentResponse instanceof ServletResponseWrapper wrapper) {
				classes.append(currentResponse.getClass().getName()).append('\n');
				currentResponse = wrapper.getResponse();
			}
			return classes.toString();
		}

		@GetMapping("/reset")
		void reset(HttpServletResponse response) throws IOException {
			response.setContentType("application/xml");
			response.reset();
			response.setContentType("text/plain");
			response.getWriter().write("after reset");
		}

		/** Includes a resource that commits the response. */
		@GetMapping("/include")
		void include(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
			response.setContentType("text/plain");
			request.getRequestDispatcher("/flush-early").include(request, response);
		}

	}

}
