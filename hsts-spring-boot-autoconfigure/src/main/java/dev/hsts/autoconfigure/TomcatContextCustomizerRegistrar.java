package dev.hsts.autoconfigure;

import org.apache.catalina.Context;

import dev.hsts.servlet.TomcatCookieFlags;
import dev.hsts.servlet.TomcatOwnResponses;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers a Spring Boot {@code TomcatContextCustomizer} bean that hands the
 * application's Tomcat {@link Context} to {@link TomcatOwnResponses#customize(Context)}
 * and, when the cookie flags are on, {@link TomcatCookieFlags#customize(Context)}. Spring
 * Boot's Tomcat web server factory applies every bean of that type, in Spring Boot 3.5
 * and 4.1 alike, but the interface moved between them
 * ({@code org.springframework.boot.web.embedded.tomcat} in 3.5,
 * {@code org.springframework.boot.tomcat} in 4.1): the bean implements whichever is
 * present ({@link MovedCustomizerBean}). Nothing is registered when neither is present,
 * or when a bean of the same name exists.
 */
class TomcatContextCustomizerRegistrar
		implements ImportBeanDefinitionRegistrar, BeanFactoryAware, BeanClassLoaderAware, EnvironmentAware {

	/** The name of the customizer bean. */
	static final String BEAN_NAME = "securityHeadersTomcatContextCustomizer";

	private static final String[] CUSTOMIZER_TYPES = { "org.springframework.boot.tomcat.TomcatContextCustomizer",
			"org.springframework.boot.web.embedded.tomcat.TomcatContextCustomizer" };

	private BeanFactory beanFactory;

	private ClassLoader classLoader;

	private Environment environment;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		ObjectProvider<TomcatOwnResponses> target = this.beanFactory.getBeanProvider(TomcatOwnResponses.class);
		// Looked up only where the cookie flags are on (the same switch as the bean's
		// condition): off, they cost nothing at startup.
		ObjectProvider<TomcatCookieFlags> cookies = "true"
			.equalsIgnoreCase(this.environment.getProperty("security.headers.cookies.enabled"))
					? this.beanFactory.getBeanProvider(TomcatCookieFlags.class) : null;
		MovedCustomizerBean.register(registry, BEAN_NAME, this.classLoader, CUSTOMIZER_TYPES, (argument) -> {
			if (!(argument instanceof Context context)) {
				return;
			}
			TomcatOwnResponses responses = target.getIfUnique();
			if (responses != null) {
				responses.customize(context);
			}
			TomcatCookieFlags cookieFlags = (cookies != null) ? cookies.getIfUnique() : null;
			if (cookieFlags != null) {
				cookieFlags.customize(context);
			}
		});
	}

}
