package dev.hsts.autoconfigure;

import java.util.List;

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

}
