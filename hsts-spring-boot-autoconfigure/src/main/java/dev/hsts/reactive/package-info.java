/**
 * The WebFlux adapter: applies the policies of {@code dev.hsts.core} to every response of
 * a WebFlux application through {@code WebFilter}s. Needs no servlet API.
 */
package dev.hsts.reactive;
