package dev.hsts.testkit;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The applications the kit is tried on, and their policy. */
final class TestApps {

	/**
	 * The policy: stage 2 of the default plan, HSTS also for localhost (the clients here
	 * connect to it), a nonce-based script policy, and a path policy for
	 * {@code /legacy/**} that allows inline scripts.
	 */
	static final String[] POLICY = { "security.headers.hsts.rollout.stage=2",
			"security.headers.hsts.excluded-hosts=excluded.example.test",
			"security.headers.content-security-policy.policy=default-src 'self'; script-src 'self' 'nonce-{nonce}'; object-src 'none'",
			"security.headers.content-security-policy.path-policies[0].paths=/legacy/**",
			"security.headers.content-security-policy.path-policies[0].policy=default-src 'self' 'unsafe-inline'",
			"spring.main.banner-mode=off" };

	private TestApps() {
	}

	/** A Spring MVC or WebFlux application, as the web application type says. */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(Endpoints.class)
	static class App {

	}

}
