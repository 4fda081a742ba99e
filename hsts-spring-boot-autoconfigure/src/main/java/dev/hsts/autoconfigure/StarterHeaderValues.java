package dev.hsts.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hsts.core.HeaderDescription;
import dev.hsts.core.HstsPolicy;
import dev.hsts.core.ManagedHeaderChoices;

/**
 * What the starter may send, by header name, gathered from its writers on either web
 * stack: every value of the HSTS policy's stages, and each other writer's described
 * values. What {@link ManagedHeaderChoices#of} compares a Spring Security chain's headers
 * with.
 */
final class StarterHeaderValues {

	private final Map<String, List<String>> values = new LinkedHashMap<>();

	/** Adds every value the HSTS policy may send. */
	void addHsts(HstsPolicy policy) {
		valuesOf(ManagedHeaderChoices.HSTS).addAll(ManagedHeaderChoices.hstsValues(policy));
	}

	/** Adds the values a writer describes. */
	void add(List<HeaderDescription> descriptions) {
		for (HeaderDescription description : descriptions) {
			if (description.value() != null) {
				valuesOf(description.name()).add(description.value());
			}
		}
	}

	/** The values of one header, added when missing (no lambda: this runs at startup). */
	private List<String> valuesOf(String name) {
		List<String> values = this.values.get(name);
		if (values == null) {
			values = new ArrayList<>();
			this.values.put(name, values);
		}
		return values;
	}

	Map<String, List<String>> values() {
		return this.values;
	}

}
