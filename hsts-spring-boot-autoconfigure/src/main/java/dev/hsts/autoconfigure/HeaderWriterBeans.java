package dev.hsts.autoconfigure;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hsts.servlet.ResponseHeaderWriter;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.util.ClassUtils;

/**
 * The header writer beans {@link dev.hsts.servlet.SecurityHeadersFilter} applies, in
 * order: every {@link ResponseHeaderWriter} bean and, where Spring Security is on the
 * classpath, every Spring Security {@code HeaderWriter} bean (adapted by
 * {@link SpringSecurityHeaderWriterBeans}, which only this class's Spring Security branch
 * loads). Sorted as {@code ObjectProvider#orderedStream()} sorts one type: by
 * {@code Ordered}, {@code @Order} on the bean method or the class, then in registration
 * order.
 */
final class HeaderWriterBeans {

	private static final String SPRING_SECURITY_HEADER_WRITER = "org.springframework.security.web.header.HeaderWriter";

	private HeaderWriterBeans() {
	}

	/**
	 * The writers, in order.
	 * @param beanFactory the bean factory
	 * @return the writers, each bean once
	 */
	static List<ResponseHeaderWriter> inOrder(ConfigurableListableBeanFactory beanFactory) {
		Set<String> names = new LinkedHashSet<>(Arrays
			.asList(BeanFactoryUtils.beanNamesForTypeIncludingAncestors(beanFactory, ResponseHeaderWriter.class)));
		boolean springSecurity = ClassUtils.isPresent(SPRING_SECURITY_HEADER_WRITER, beanFactory.getBeanClassLoader());
		if (springSecurity) {
			names.addAll(SpringSecurityHeaderWriterBeans.names(beanFactory));
		}
		List<String> registered = Arrays.asList(beanFactory.getBeanDefinitionNames());
		Map<Object, Object[]> orderSources = new IdentityHashMap<>();
		List<Object> sorted = new ArrayList<>(names.size());
		// In registration order, then the names registered elsewhere (an ancestor) in
		// their order; loops, not a stream of lambdas: this runs while the context
		// starts (issue 21).
		List<String> inRegistrationOrder = new ArrayList<>(names.size());
		for (String name : registered) {
			if (names.contains(name)) {
				inRegistrationOrder.add(name);
			}
		}
		for (String name : names) {
			if (!registered.contains(name)) {
				inRegistrationOrder.add(name);
			}
		}
		for (String name : inRegistrationOrder) {
			Object bean = beanFactory.getBean(name);
			if (!orderSources.containsKey(bean)) {
				orderSources.put(bean, orderSources(beanFactory, name, bean));
				sorted.add(bean);
			}
		}
		sorted.sort(AnnotationAwareOrderComparator.INSTANCE.withSourceProvider(orderSources::get));
		List<ResponseHeaderWriter> writers = new ArrayList<>(sorted.size());
		for (Object bean : sorted) {
			writers.add((bean instanceof ResponseHeaderWriter writer) ? writer
					: SpringSecurityHeaderWriterBeans.adapt(bean));
		}
		return writers;
	}

	/**
	 * Where a bean's order comes from, as the bean factory itself looks for it: the bean
	 * method, then the bean's class, then the bean ({@code Ordered}).
	 */
	private static Object[] orderSources(ConfigurableListableBeanFactory beanFactory, String name, Object bean) {
		List<Object> sources = new ArrayList<>(3);
		try {
			BeanDefinition definition = beanFactory.getMergedBeanDefinition(name);
			if (definition instanceof RootBeanDefinition root) {
				Method factoryMethod = root.getResolvedFactoryMethod();
				if (factoryMethod != null) {
					sources.add(factoryMethod);
				}
				Class<?> targetType = root.getTargetType();
				if (targetType != null && targetType != bean.getClass()) {
					sources.add(targetType);
				}
			}
		}
		catch (NoSuchBeanDefinitionException ex) {
			// A singleton registered as an instance: only the bean itself has an order.
		}
		sources.add(bean);
		return sources.toArray();
	}

}
