package dev.hsts.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.Environment;

import dev.hsts.core.Finding;

/**
 * Settings the application made that cannot take effect because the switch of their part
 * is off: {@code security.headers.clear-site-data.directives} while
 * {@code security.headers.clear-site-data.enabled} is {@code false} (its default), say.
 * Each such part gets one {@code setting.inactive} warning naming the keys and where they
 * are set, so that a forgotten switch is not mistaken for a policy in force.
 */
final class InactiveSettings {

	/** The code of the finding. */
	static final String CODE = "setting.inactive";

	/** At most this many keys are named in one finding. */
	private static final int NAMED_KEYS = 3;

	private static final String ENABLED = "enabled";

	private InactiveSettings() {
	}

	/**
	 * The parts with a switch ({@code <part>.enabled}), relative to
	 * {@code security.headers}, with the switch's default; {@code *} stands for a map key
	 * (a policy's name), and a {@code null} default means the switch takes effect only
	 * when set (it inherits otherwise).
	 */
	private static Map<String, Boolean> parts() {
		Map<String, Boolean> parts = new LinkedHashMap<>();
		parts.put("https-redirect", Boolean.FALSE);
		parts.put("clear-site-data", Boolean.FALSE);
		parts.put("cookies", Boolean.FALSE);
		parts.put("cache-control", Boolean.TRUE);
		parts.put("content-security-policy.reporting", Boolean.FALSE);
		parts.put("policies.*.cache-control", null);
		return parts;
	}

	/**
	 * The findings for an environment.
	 * @param environment the environment the starter was configured from
	 * @return one warning per part whose switch is off while other keys of it are set
	 */
	static List<Finding> of(Environment environment) {
		List<ConfigurationProperty> set = ConfiguredProperties.under(environment, KnownProperties.ROOT);
		if (set.isEmpty()) {
			return List.of();
		}
		Map<String, Boolean> parts = parts();
		Binder binder = Binder.get(environment);
		// The keys set under each part that is off, by the part's name, in order.
		Map<ConfigurationPropertyName, List<ConfigurationProperty>> inactive = new LinkedHashMap<>();
		Map<ConfigurationPropertyName, Boolean> switches = new LinkedHashMap<>();
		for (ConfigurationProperty property : set) {
			ConfigurationPropertyName name = property.getName();
			int rootLength = KnownProperties.ROOT.getNumberOfElements();
			for (int length = rootLength + 1; length < name.getNumberOfElements(); length++) {
				ConfigurationPropertyName part = name.chop(length);
				String pattern = pattern(part, rootLength);
				if (!parts.containsKey(pattern)) {
					continue;
				}
				ConfigurationPropertyName switchName = part.append(ENABLED);
				if (name.equals(switchName)) {
					continue;
				}
				Boolean on = switches.get(switchName);
				if (on == null) {
					Boolean fallback = parts.get(pattern);
					on = switchValue(binder, switchName, (fallback != null) ? fallback : Boolean.TRUE);
					switches.put(switchName, on);
				}
				if (!on) {
					List<ConfigurationProperty> keys = inactive.get(part);
					if (keys == null) {
						keys = new ArrayList<>();
						inactive.put(part, keys);
					}
					if (!containsName(keys, name)) {
						keys.add(property);
					}
				}
			}
		}
		List<Finding> findings = new ArrayList<>(inactive.size());
		for (Map.Entry<ConfigurationPropertyName, List<ConfigurationProperty>> entry : inactive.entrySet()) {
			findings.add(finding(entry.getKey(), entry.getValue()));
		}
		return findings;
	}

	/**
	 * A switch's value, or {@code fallback} when it is unset or not a boolean (the
	 * properties' own binding refuses that value with its own message).
	 */
	private static boolean switchValue(Binder binder, ConfigurationPropertyName name, Boolean fallback) {
		try {
			return binder.bind(name, Bindable.of(Boolean.class)).orElse(fallback);
		}
		catch (BindException ex) {
			return fallback;
		}
	}

	private static Finding finding(ConfigurationPropertyName part, List<ConfigurationProperty> keys) {
		String switchName = ConfiguredProperties.written(part) + "." + ENABLED;
		StringBuilder named = new StringBuilder();
		for (int i = 0; i < keys.size() && i < NAMED_KEYS; i++) {
			ConfigurationProperty key = keys.get(i);
			named.append((i == 0) ? "" : ", ")
				.append(ConfiguredProperties.written(key.getName()))
				.append(" (")
				.append(ConfiguredProperties.origin(key))
				.append(')');
		}
		if (keys.size() > NAMED_KEYS) {
			named.append(" and ").append(keys.size() - NAMED_KEYS).append(" more");
		}
		String verb = (keys.size() == 1) ? "is" : "are";
		String pronoun = (keys.size() == 1) ? "it has" : "they have";
		return new Finding(Finding.Severity.WARNING, CODE,
				named + " " + verb + " set, but " + switchName + " is false, so " + pronoun + " no effect. Set "
						+ switchName + "=true to use " + ((keys.size() == 1) ? "it" : "them")
						+ ", or remove the setting.",
				switchName);
	}

	/** A part's name relative to the root, dashed, with {@code *} for a policy's name. */
	private static String pattern(ConfigurationPropertyName part, int rootLength) {
		StringBuilder pattern = new StringBuilder();
		for (int i = rootLength; i < part.getNumberOfElements(); i++) {
			String element = part.getElement(i, ConfigurationPropertyName.Form.DASHED);
			if (i == rootLength + 1
					&& "policies".equals(part.getElement(rootLength, ConfigurationPropertyName.Form.DASHED))) {
				element = "*";
			}
			pattern.append((i > rootLength) ? "." : "").append(element);
		}
		return pattern.toString();
	}

	private static boolean containsName(List<ConfigurationProperty> keys, ConfigurationPropertyName name) {
		for (ConfigurationProperty key : keys) {
			if (key.getName().equals(name)) {
				return true;
			}
		}
		return false;
	}

}
