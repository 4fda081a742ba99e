package dev.hsts.autoconfigure;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import dev.hsts.servlet.HttpsRedirectFilter;
import dev.hsts.servlet.SecurityHeadersFilter;
import dev.hsts.servlet.TrustedHostFilter;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.core.type.MethodMetadata;

/** How the starter registers its filters with the servlet container. */
final class FilterRegistrations {

	/**
	 * The bean Spring Boot's {@link DelegatingFilterProxyRegistrationBean} registers
	 * Spring Security's filter chain by (Spring Security's
	 * {@code AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME}).
	 */
	private static final String SPRING_SECURITY_FILTER_CHAIN = "springSecurityFilterChain";

	/** The starter's registrations of the filters its header filter may run. */
	private static final Set<String> STARTER_REGISTRATIONS = Set.of(
			TrustedHostsAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME,
			HttpsRedirectAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME);

	/** The auto-configurations that define them. */
	private static final Set<String> STARTER_CONFIGURATIONS = Set.of(TrustedHostsAutoConfiguration.class.getName(),
			HttpsRedirectAutoConfiguration.class.getName());

	private FilterRegistrations() {
	}

	/**
	 * A registration of one of the starter's filters.
	 * @param <F> the filter type
	 * @param filter the filter
	 * @param name the filter name
	 * @param order the filter order
	 * @param dispatcherTypes the dispatches it runs for
	 * @return the registration
	 */
	static <F extends Filter> FilterRegistrationBean<F> of(F filter, String name, int order,
			DispatcherType... dispatcherTypes) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		registration.setName(name);
		registration.setOrder(order);
		registration.setDispatcherTypes(dispatcherTypes[0], dispatcherTypes);
		return registration;
	}

	/**
	 * Whether the starter's header filter runs the trusted-host filter: both at their
	 * default orders, the header filter registered, enabled, for every path and for
	 * {@code REQUEST} dispatches, and no other filter ordered between them (which would
	 * then run after the check instead of before it).
	 * @param beanFactory the application's beans
	 * @param headersFilter the header filter
	 * @param trustedHostFilter the trusted-host filter
	 * @param redirectFilter the HTTPS-redirect filter, or {@code null}
	 * @return whether it does
	 */
	static boolean runsTrustedHostFilter(ConfigurableListableBeanFactory beanFactory,
			SecurityHeadersFilter headersFilter, TrustedHostFilter trustedHostFilter,
			HttpsRedirectFilter redirectFilter) {
		// The starter's redirect registration is left out of the look below (its own
		// decision): ordered between, it is a filter of its own there.
		return atDefaultOrders(headersFilter, trustedHostFilter)
				&& (redirectFilter == null
						|| !between(redirectFilter.getOrder(), headersFilter.getOrder(), trustedHostFilter.getOrder()))
				&& runsOnEveryRequest(beanFactory, headersFilter) && nothingBetween(beanFactory,
						headersFilter.getOrder(), trustedHostFilter.getOrder(), own(headersFilter, trustedHostFilter));
	}

	/**
	 * Whether the starter's header filter runs the HTTPS-redirect filter: the starter's
	 * own class (a subclass may do more in {@code doFilter}), ordered after the header
	 * filter and after a trusted-host filter that the header filter runs too (the
	 * redirect copies the host into {@code Location}, so the check comes first), the
	 * header filter registered for every request, and no other filter ordered between
	 * them.
	 * @param beanFactory the application's beans
	 * @param headersFilter the header filter
	 * @param trustedHostFilter the trusted-host filter, or {@code null}
	 * @param redirectFilter the HTTPS-redirect filter
	 * @return whether it does
	 */
	static boolean runsRedirectFilter(ConfigurableListableBeanFactory beanFactory, SecurityHeadersFilter headersFilter,
			TrustedHostFilter trustedHostFilter, HttpsRedirectFilter redirectFilter) {
		if (redirectFilter.getClass() != HttpsRedirectFilter.class
				|| redirectFilter.getOrder() <= headersFilter.getOrder()) {
			return false;
		}
		// The header filter runs the trusted-host filter where that one's registration is
		// the starter's, both are at their default orders and nothing sits between them,
		// which the look between the header filter and the redirect covers.
		if (trustedHostFilter != null && (trustedHostFilter.getOrder() >= redirectFilter.getOrder()
				|| !isStartersOwn(beanFactory, TrustedHostsAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME)
				|| !atDefaultOrders(headersFilter, trustedHostFilter))) {
			return false;
		}
		return runsOnEveryRequest(beanFactory, headersFilter) && nothingBetween(beanFactory, headersFilter.getOrder(),
				redirectFilter.getOrder(), own(headersFilter, trustedHostFilter, redirectFilter));
	}

	private static boolean atDefaultOrders(SecurityHeadersFilter headersFilter, TrustedHostFilter trustedHostFilter) {
		return trustedHostFilter.getOrder() == TrustedHostFilter.DEFAULT_ORDER
				&& headersFilter.getOrder() == SecurityHeadersFilter.DEFAULT_ORDER;
	}

	private static Set<Filter> own(Filter... filters) {
		Set<Filter> own = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Filter filter : filters) {
			if (filter != null) {
				own.add(filter);
			}
		}
		return own;
	}

	/**
	 * Whether the header filter is registered by the starter's own registration (or one
	 * of that name), enabled, for every path and for {@code REQUEST} dispatches.
	 */
	private static boolean runsOnEveryRequest(ListableBeanFactory beanFactory, SecurityHeadersFilter headersFilter) {
		if (!beanFactory.containsBean(SecurityHeadersAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME)) {
			return false;
		}
		Object bean = beanFactory.getBean(SecurityHeadersAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME);
		return bean instanceof FilterRegistrationBean<?> registration && registration.isEnabled()
				&& registration.getFilter() == headersFilter && registration.getUrlPatterns().isEmpty()
				&& registration.getServletNames().isEmpty() && registration.getServletRegistrationBeans().isEmpty()
				&& registration.determineDispatcherTypes().contains(DispatcherType.REQUEST);
	}

	/**
	 * Whether no filter the container runs sits between two orders (both included), other
	 * than the starter's own: the application's enabled filter registrations (Spring
	 * Security's delegating one included) and its filter beans that no registration
	 * names, ordered as Spring Boot orders them (the filter beans are made for that, as
	 * Spring Boot makes them to register them, except Spring Security's filter chain, for
	 * which Spring Boot's delegating registration stands). The starter's own
	 * registrations of the trusted-host and redirect filters are not made here: whether
	 * they register their filters is what is being decided, the same way for both.
	 */
	private static boolean nothingBetween(ConfigurableListableBeanFactory beanFactory, int from, int to,
			Set<Filter> own) {
		Set<Filter> registered = Collections.newSetFromMap(new IdentityHashMap<>());
		boolean delegating = false;
		for (String name : beanFactory.getBeanNamesForType(AbstractFilterRegistrationBean.class, true, false)) {
			if (isStartersOwn(beanFactory, name)) {
				continue;
			}
			AbstractFilterRegistrationBean<?> registration = beanFactory.getBean(name,
					AbstractFilterRegistrationBean.class);
			Filter filter = null;
			if (registration instanceof DelegatingFilterProxyRegistrationBean) {
				// It makes a new proxy on each call of getFilter(): its order counts.
				delegating = true;
			}
			else {
				filter = registration.getFilter();
				registered.add(filter);
			}
			if (registration.isEnabled() && (filter == null || !own.contains(filter))
					&& between(registration.getOrder(), from, to)) {
				return false;
			}
		}
		for (String name : beanFactory.getBeanNamesForType(Filter.class, true, false)) {
			if (delegating && SPRING_SECURITY_FILTER_CHAIN.equals(name)) {
				// Registered by Spring Boot's delegating registration, whose order
				// counted above, and made later: not made here.
				continue;
			}
			Filter filter = beanFactory.getBean(name, Filter.class);
			if (!registered.contains(filter) && !own.contains(filter) && between(orderOf(filter), from, to)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a bean is the starter's registration of its trusted-host or redirect filter
	 * (defined by the starter's auto-configuration, not replaced by one of the
	 * application's of the same name).
	 */
	private static boolean isStartersOwn(ConfigurableListableBeanFactory beanFactory, String name) {
		if (!STARTER_REGISTRATIONS.contains(name) || !beanFactory.containsBeanDefinition(name)) {
			return false;
		}
		BeanDefinition definition = beanFactory.getBeanDefinition(name);
		MethodMetadata factoryMethod = (definition instanceof AnnotatedBeanDefinition annotated)
				? annotated.getFactoryMethodMetadata() : null;
		return factoryMethod != null && STARTER_CONFIGURATIONS.contains(factoryMethod.getDeclaringClassName());
	}

	/** A filter bean's order as Spring Boot registers it: its own, else its class's. */
	private static int orderOf(Filter filter) {
		return (filter instanceof Ordered ordered) ? ordered.getOrder()
				: OrderUtils.getOrder(filter.getClass(), Ordered.LOWEST_PRECEDENCE);
	}

	private static boolean between(int order, int from, int to) {
		return order >= from && order <= to;
	}

}
