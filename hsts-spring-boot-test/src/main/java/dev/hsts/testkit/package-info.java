/**
 * The test kit: assertions on the security headers of live responses as a browser reads
 * them, and the hstspreload.org readiness check.
 */
package dev.hsts.testkit;
