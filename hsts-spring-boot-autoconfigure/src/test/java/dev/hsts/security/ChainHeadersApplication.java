package dev.hsts.security;

import dev.hsts.servlet.HeadersEndpoints;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;

/**
 * An application with its own {@link SecurityFilterChain} whose {@code headers(...)}
 * section is chosen by the property {@code test.chain-headers}, as applications have them
 * before they add the starter:
 * <ul>
 * <li>{@code same-origin-and-hsts}: frame options SAMEORIGIN (an application that frames
 * itself) and an explicit HSTS of {@code max-age=600 ; includeSubDomains};</li>
 * <li>{@code frame-options-disabled}: frame options off (say, for the H2 console);</li>
 * <li>{@code content-type-options-and-cache-control-disabled}: both off;</li>
 * <li>{@code only-hsts-and-cache-control}: Spring Security's defaults off, its HSTS and
 * Cache-Control on;</li>
 * <li>{@code headers-disabled}: Spring Security's header writing off;</li>
 * <li>{@code xss-block}: X-XSS-Protection {@code 1; mode=block};</li>
 * <li>{@code xss-disabled}: X-XSS-Protection off;</li>
 * <li>{@code defaults}: Spring Security's defaults.</li>
 * </ul>
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(HeadersEndpoints.class)
public class ChainHeadersApplication {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, @Value("${test.chain-headers}") String chainHeaders)
			throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		switch (chainHeaders) {
			case "same-origin-and-hsts" ->
				http.headers((headers) -> headers.frameOptions((frameOptions) -> frameOptions.sameOrigin())
					.httpStrictTransportSecurity((hsts) -> hsts.maxAgeInSeconds(600).includeSubDomains(true)));
			case "frame-options-disabled" ->
				http.headers((headers) -> headers.frameOptions((frameOptions) -> frameOptions.disable()));
			case "content-type-options-and-cache-control-disabled" -> http
				.headers((headers) -> headers.contentTypeOptions((contentTypeOptions) -> contentTypeOptions.disable())
					.cacheControl((cacheControl) -> cacheControl.disable()));
			case "only-hsts-and-cache-control" -> http.headers((headers) -> headers.defaultsDisabled()
				.cacheControl(Customizer.withDefaults())
				.httpStrictTransportSecurity(Customizer.withDefaults()));
			case "headers-disabled" -> http.headers((headers) -> headers.disable());
			case "xss-block" -> http.headers((headers) -> headers
				.xssProtection((xss) -> xss.headerValue(XXssProtectionHeaderWriter.HeaderValue.ENABLED_MODE_BLOCK)));
			case "xss-disabled" -> http.headers((headers) -> headers.xssProtection((xss) -> xss.disable()));
			case "defaults" -> {
			}
			default -> throw new IllegalArgumentException(chainHeaders);
		}
		return http.build();
	}

}
