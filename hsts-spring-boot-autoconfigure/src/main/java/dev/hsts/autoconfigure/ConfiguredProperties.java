package dev.hsts.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;

/**
 * The properties an environment sets under a prefix, read through Spring Boot's
 * configuration property sources: every source Boot binds from (files, environment
 * variables, system properties, command-line arguments...), in every relaxed form Boot
 * accepts, each with its origin.
 */
final class ConfiguredProperties {

	private ConfiguredProperties() {
	}

	/**
	 * The properties set under {@code root} (and {@code root} itself), from the source
	 * that wins first, each source's in its own order.
	 * @param environment the environment
	 * @param root the prefix
	 * @return the properties
	 */
	static List<ConfigurationProperty> under(Environment environment, ConfigurationPropertyName root) {
		List<ConfigurationProperty> properties = new ArrayList<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable
					&& (iterable.containsDescendantOf(root) != ConfigurationPropertyState.ABSENT
							|| iterable.getConfigurationProperty(root) != null)) {
				// A loop, not a stream of lambdas: this runs while the context starts
				// (issue 21).
				for (ConfigurationPropertyName name : iterable) {
					if (root.equals(name) || root.isAncestorOf(name)) {
						ConfigurationProperty property = source.getConfigurationProperty(name);
						if (property != null) {
							properties.add(property);
						}
					}
				}
			}
		}
		return properties;
	}

	/**
	 * A name as the configuration writes it
	 * ({@code security.headers.hsts.includeSubdomain} stays so; an environment variable's
	 * name reads {@code security.headers.hsts.includesubdomain}, its origin names the
	 * variable).
	 * @param name the name
	 * @return the name as written
	 */
	static String written(ConfigurationPropertyName name) {
		StringBuilder written = new StringBuilder();
		for (int i = 0; i < name.getNumberOfElements(); i++) {
			String element = name.getElement(i, Form.ORIGINAL);
			if (name.isNumericIndex(i) || name.chop(i + 1).isLastElementIndexed()) {
				written.append('[').append(element).append(']');
			}
			else {
				written.append((i > 0) ? "." : "").append(element);
			}
		}
		return written.toString();
	}

	/**
	 * Where a property is set, as Spring Boot reports origins
	 * ({@code class path resource [application.yml] - 3:9}).
	 * @param property the property
	 * @return the origin, on one line
	 */
	static String origin(ConfigurationProperty property) {
		Origin origin = property.getOrigin();
		String text = (origin != null) ? origin.toString() : (property.getSource() != null)
				? "property source '" + property.getSource().getUnderlyingSource() + "'" : "an unknown place";
		StringBuilder line = new StringBuilder(text.length());
		text.codePoints().forEach((c) -> line.appendCodePoint(Character.isISOControl(c) ? '?' : c));
		return line.toString();
	}

}
