package dev.hsts.autoconfigure;

import dev.hsts.servlet.PolicyHandlerInterceptor;

import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers {@link PolicyHandlerInterceptor} with Spring MVC, first of all interceptors,
 * so that a request's policy is known before any other interceptor or the handler runs.
 */
final class PolicyInterceptorRegistrar implements WebMvcConfigurer {

	private final PolicyHandlerInterceptor interceptor;

	PolicyInterceptorRegistrar(PolicyHandlerInterceptor interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this.interceptor).order(Ordered.HIGHEST_PRECEDENCE);
	}

}
