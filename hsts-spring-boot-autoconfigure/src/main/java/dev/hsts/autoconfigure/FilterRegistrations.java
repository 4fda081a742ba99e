package dev.hsts.autoconfigure;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.boot.web.servlet.FilterRegistrationBean;

/** How the starter registers its filters with the servlet container. */
final class FilterRegistrations {

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

}
