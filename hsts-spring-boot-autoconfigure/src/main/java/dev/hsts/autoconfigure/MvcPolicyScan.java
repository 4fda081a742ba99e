package dev.hsts.autoconfigure;

import java.util.List;

import dev.hsts.core.HandlerPolicy;
import dev.hsts.core.InvalidPolicyException;
import dev.hsts.servlet.MvcHandlerPolicies;
import dev.hsts.servlet.PolicyHandlerInterceptor;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Finds the policies Spring MVC's handlers ask for: {@code @SecurityHeadersPolicy} on the
 * handler methods of every {@link RequestMappingHandlerMapping}, and the policy route
 * attribute of the functional routes of every {@link RouterFunctionMapping}. Loaded only
 * where Spring MVC is.
 */
final class MvcPolicyScan implements HandlerPolicySource {

	private final ListableBeanFactory beanFactory;

	private final PolicyHandlerInterceptor interceptor;

	MvcPolicyScan(ListableBeanFactory beanFactory, PolicyHandlerInterceptor interceptor) {
		this.beanFactory = beanFactory;
		this.interceptor = interceptor;
	}

	@Override
	public List<HandlerPolicy> scan() {
		MvcHandlerPolicies handlers = scan(this.beanFactory);
		this.interceptor.setHandlers(handlers);
		return List.copyOf(handlers.all());
	}

	static MvcHandlerPolicies scan(ListableBeanFactory beanFactory) {
		MvcHandlerPolicies policies = new MvcHandlerPolicies();
		for (RequestMappingHandlerMapping mapping : beanFactory.getBeansOfType(RequestMappingHandlerMapping.class)
			.values()) {
			for (HandlerMethod handlerMethod : mapping.getHandlerMethods().values()) {
				HandlerPolicy policy;
				try {
					policy = SecurityHeadersPolicyAnnotations.of(handlerMethod.getBeanType(),
							handlerMethod.getMethod());
				}
				catch (InvalidPolicyException ex) {
					throw InvalidSecurityHeadersPropertyException.of(ex);
				}
				if (policy != null) {
					policies.addHandlerMethod(handlerMethod.getBeanType(), handlerMethod.getMethod(), policy);
				}
			}
		}
		for (RouterFunctionMapping mapping : beanFactory.getBeansOfType(RouterFunctionMapping.class).values()) {
			RouterFunction<?> routerFunction = mapping.getRouterFunction();
			if (routerFunction != null) {
				policies.addRouterFunction(routerFunction);
			}
		}
		return policies;
	}

}
