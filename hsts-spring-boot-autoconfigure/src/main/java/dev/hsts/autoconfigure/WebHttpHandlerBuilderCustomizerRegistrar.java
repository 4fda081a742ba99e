package dev.hsts.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.hsts.reactive.StarterWebFilters;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * Registers a Spring Boot {@code WebHttpHandlerBuilderCustomizer} bean that runs the
 * starter's WebFilters sitting next to each other in the application's filter chain as
 * one entry of it ({@link StarterWebFilters#combineAdjacent(List)}). Spring Boot's
 * {@code HttpHandler} auto-configuration applies every bean of that type, in Spring Boot
 * 3.5 and 4.1 alike, but the interface moved between them
 * ({@code org.springframework.boot.autoconfigure.web.reactive} in 3.5,
 * {@code org.springframework.boot.webflux.autoconfigure} in 4.1): the bean implements
 * whichever is present ({@link MovedCustomizerBean}). Nothing is registered when neither
 * is present, or when a bean of the same name exists (define one with this name to keep
 * every filter an entry of its own).
 */
class WebHttpHandlerBuilderCustomizerRegistrar implements ImportBeanDefinitionRegistrar, BeanClassLoaderAware {

	/** The name of the customizer bean. */
	static final String BEAN_NAME = "securityHeadersWebFilterChainCustomizer";

	private static final String[] CUSTOMIZER_TYPES = {
			"org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer",
			"org.springframework.boot.autoconfigure.web.reactive.WebHttpHandlerBuilderCustomizer" };

	private static final Log logger = LogFactory.getLog(StarterWebFilters.class);

	private ClassLoader classLoader;

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		MovedCustomizerBean.register(registry, BEAN_NAME, this.classLoader, CUSTOMIZER_TYPES, (argument) -> {
			if (argument instanceof WebHttpHandlerBuilder builder) {
				builder.filters(WebHttpHandlerBuilderCustomizerRegistrar::combine);
			}
		});
	}

	private static void combine(List<WebFilter> filters) {
		List<WebFilter> before = logger.isDebugEnabled() ? new ArrayList<>(filters) : null;
		if (StarterWebFilters.combineAdjacent(filters) && before != null) {
			logger.debug("The starter's WebFilters next to each other in the application's chain run as one entry: "
					+ before + " became " + filters);
		}
	}

}
