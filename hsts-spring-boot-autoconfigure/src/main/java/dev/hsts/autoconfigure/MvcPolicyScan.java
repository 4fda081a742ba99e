package dev.hsts.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hsts.core.HandlerPolicy;
import dev.hsts.core.InvalidPolicyException;
import dev.hsts.servlet.MvcHandlerPolicies;
import dev.hsts.servlet.PolicyHandlerInterceptor;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The starter's part in Spring MVC, one bean: finds the policies Spring MVC's handlers
 * ask for ({@code @SecurityHeadersPolicy} on the handler methods of every
 * {@link RequestMappingHandlerMapping}, and the policy route attribute of the functional
 * routes of every {@link RouterFunctionMapping}), and registers the
 * {@link PolicyHandlerInterceptor} that tells the filter each request's handler, first of
 * all interceptors, so that a request's policy is known before any other interceptor or
 * the handler runs. Loaded only where Spring MVC is.
 */
final class MvcPolicyScan implements HandlerPolicySource, WebMvcConfigurer {

	private final ListableBeanFactory beanFactory;

	private final PolicyHandlerInterceptor interceptor;

	/** The mappings' path patterns of the handlers the last scan found. */
	private Map<HandlerPolicy, List<String>> mappedPaths = Map.of();

	MvcPolicyScan(ListableBeanFactory beanFactory, PolicyHandlerInterceptor interceptor) {
		this.beanFactory = beanFactory;
		this.interceptor = interceptor;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this.interceptor).order(Ordered.HIGHEST_PRECEDENCE);
	}

	@Override
	public List<HandlerPolicy> scan() {
		Map<HandlerPolicy, List<String>> mapped = new LinkedHashMap<>();
		MvcHandlerPolicies handlers = scan(this.beanFactory, mapped);
		this.interceptor.setHandlers(handlers);
		this.mappedPaths = mapped;
		return List.copyOf(handlers.all());
	}

	@Override
	public Map<HandlerPolicy, List<String>> mappedPaths() {
		return this.mappedPaths;
	}

	static MvcHandlerPolicies scan(ListableBeanFactory beanFactory) {
		return scan(beanFactory, new LinkedHashMap<>());
	}

	/**
	 * @param mapped filled with the path patterns of each annotated handler's mapping
	 */
	static MvcHandlerPolicies scan(ListableBeanFactory beanFactory, Map<HandlerPolicy, List<String>> mapped) {
		MvcHandlerPolicies policies = new MvcHandlerPolicies();
		for (RequestMappingHandlerMapping mapping : beanFactory.getBeansOfType(RequestMappingHandlerMapping.class)
			.values()) {
			for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
				HandlerMethod handlerMethod = entry.getValue();
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
					mapped.put(policy, new ArrayList<>(entry.getKey().getPatternValues()));
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
