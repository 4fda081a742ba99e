package dev.hsts.autoconfigure;

import java.lang.reflect.Proxy;
import java.util.function.Consumer;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.util.ClassUtils;

/**
 * A bean of a Spring Boot customizer interface that moved between Spring Boot 3.5 and 4.1
 * (a public interface whose one method is {@code customize(T)}): registered as a JDK
 * proxy of whichever of the interface's names is present (no other reflection), so that
 * the same jar runs on both.
 */
final class MovedCustomizerBean {

	private MovedCustomizerBean() {
	}

	/**
	 * Registers the bean, unless a bean of that name exists or no interface is present.
	 * @param registry where it is registered
	 * @param beanName its name
	 * @param classLoader where the interface is looked for
	 * @param interfaceNames the interface's names, the first present used
	 * @param customize what {@code customize} does with its argument
	 */
	@SuppressWarnings("unchecked")
	static void register(BeanDefinitionRegistry registry, String beanName, ClassLoader classLoader,
			String[] interfaceNames, Consumer<Object> customize) {
		if (registry.containsBeanDefinition(beanName)) {
			return;
		}
		for (String name : interfaceNames) {
			if (ClassUtils.isPresent(name, classLoader)) {
				Class<Object> type = (Class<Object>) ClassUtils.resolveClassName(name, classLoader);
				RootBeanDefinition definition = new RootBeanDefinition(type, () -> proxy(type, beanName, customize));
				definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
				registry.registerBeanDefinition(beanName, definition);
				return;
			}
		}
	}

	private static Object proxy(Class<?> type, String beanName, Consumer<Object> customize) {
		return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
				(proxy, method, args) -> switch (method.getName()) {
					case "customize" -> {
						if (args != null && args.length == 1) {
							customize.accept(args[0]);
						}
						yield null;
					}
					case "toString" -> beanName;
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == args[0];
					default -> null;
				});
	}

}
