package dev.hsts.autoconfigure;

import java.util.List;
import java.util.Map;

import dev.hsts.core.HandlerPolicy;

/**
 * Finds, once every singleton exists, the policies a web framework's handlers ask for
 * (and hands them to that framework's adapter). Keeps {@link ServletPolicyWiring} free of
 * Spring MVC types, so that a servlet application without Spring MVC never loads them.
 */
interface HandlerPolicySource {

	/**
	 * Finds the handlers' policies.
	 * @return every handler policy found, each once
	 */
	List<HandlerPolicy> scan();

	/**
	 * The path patterns of the request mappings of the handlers {@link #scan()} found,
	 * for the endpoint's preview of a path.
	 * @return by handler policy, in mapping order; empty where the framework's mappings
	 * have no path patterns
	 */
	default Map<HandlerPolicy, List<String>> mappedPaths() {
		return Map.of();
	}

}
