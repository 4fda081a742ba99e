package dev.hsts.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.hsts.autoconfigure.UnknownSecurityHeadersPropertiesException.UnknownKey;
import dev.hsts.core.InvalidPolicyException;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Checks the {@code security.headers.*} keys and switches of a servlet web application
 * before any bean is created, so that their report comes before anything that follows
 * from them (a misspelled key inside a stage would otherwise surface as a stage without a
 * max-age).
 *
 * <ul>
 * <li>Every key must be one the starter binds (see {@link KnownProperties}): a misspelled
 * key ({@code security.headers.hsts.rolout.stage}) would be ignored in silence. Also when
 * the starter is switched off.</li>
 * <li>The switches read by Spring Boot's {@code @ConditionalOnBooleanProperty}
 * ({@code security.headers.enabled}, {@code security.headers.https-redirect.enabled})
 * must say {@code true} or {@code false}. That condition compares the text (ignoring
 * letter case), while Boot's binder also reads {@code on}, {@code yes}, {@code 1} (and
 * {@code off}, {@code no}, {@code 0}), ignores spaces around the value and reads an empty
 * value as unset: {@code enabled: on} or an empty {@code SECURITY_HEADERS_ENABLED} would
 * otherwise switch the starter off in silence while the bound properties say it is
 * on.</li>
 * </ul>
 */
class SecurityHeadersConfigurationCheck implements BeanFactoryPostProcessor {

	/**
	 * The switches read by {@code @ConditionalOnBooleanProperty}, relative to the
	 * configuration. Every {@code @ConditionalOnBooleanProperty} of the starter reads one
	 * of these (a test checks it).
	 */
	static final List<String> SWITCHES = List.of("enabled", "https-redirect.enabled", "cookies.enabled",
			"content-security-policy.reporting.enabled");

	/** What Boot's binder reads as a boolean besides {@code true} and {@code false}. */
	private static final Set<String> OTHER_BOOLEANS = Set.of("on", "off", "yes", "no", "1", "0");

	private final Environment environment;

	SecurityHeadersConfigurationCheck(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		checkKeys();
		checkSwitches();
	}

	/**
	 * Refuses keys the starter does not bind.
	 * @throws UnknownSecurityHeadersPropertiesException naming them
	 */
	void checkKeys() {
		List<ConfigurationProperty> configured = ConfiguredProperties.under(this.environment, KnownProperties.ROOT);
		if (configured.isEmpty()) {
			return;
		}
		KnownProperties known = KnownProperties.securityHeaders();
		Set<UnknownKey> unknown = new LinkedHashSet<>();
		for (ConfigurationProperty property : configured) {
			if (!known.isKnown(property.getName())) {
				String suggestion = known.closest(property.getName()).orElse(null);
				String variable = (suggestion != null && property.getSource() != null
						&& property.getSource().getUnderlyingSource() instanceof SystemEnvironmentPropertySource)
								? environmentVariable(suggestion) : null;
				unknown.add(new UnknownKey(ConfiguredProperties.written(property.getName()),
						ConfiguredProperties.origin(property), suggestion, variable));
			}
		}
		if (!unknown.isEmpty()) {
			throw new UnknownSecurityHeadersPropertiesException(new ArrayList<>(unknown));
		}
	}

	/**
	 * The environment variable Spring Boot reads as a key: dots and indexes as
	 * underscores, no dashes, upper case
	 * ({@code SECURITY_HEADERS_HSTS_ROLLOUT_STAGES_0_MAXAGE}).
	 */
	static String environmentVariable(String key) {
		return key.replace("-", "").replace("[", ".").replace("]", "").replace('.', '_').toUpperCase(Locale.ROOT);
	}

	/**
	 * Refuses a switch that does not say {@code true} or {@code false}.
	 * @throws InvalidSecurityHeadersPropertyException naming it
	 */
	void checkSwitches() {
		for (String path : SWITCHES) {
			String value = this.environment.getProperty(PropertyNames.of(path));
			if (value != null && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
				throw InvalidSecurityHeadersPropertyException.of(new InvalidPolicyException(path, value,
						"a switch is read by Spring Boot's @ConditionalOnBooleanProperty, which takes only true or "
								+ "false, not '" + value + "' (" + whatElseReads(value) + "), so the starter could "
								+ "not be switched the way the value says.",
						"Write ${" + path + "}=true or ${" + path + "}=false."));
			}
		}
	}

	private static String whatElseReads(String value) {
		if (value.isBlank()) {
			return "which Spring Boot's binder reads as unset";
		}
		if (!value.strip().equals(value)) {
			return "Spring Boot's binder ignores the spaces around it, that condition does not";
		}
		if (OTHER_BOOLEANS.contains(value.toLowerCase(Locale.ROOT))) {
			return "which other parts of Spring Boot read as a boolean";
		}
		return "which is not a boolean";
	}

}
