/**
 * Annotations that choose the security headers of a handler.
 */
package dev.hsts.annotation;
