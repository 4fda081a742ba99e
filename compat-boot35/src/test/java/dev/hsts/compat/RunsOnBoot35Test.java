package dev.hsts.compat;

import dev.hsts.test.RunsOnBootLine;

/**
 * This module runs Spring Boot 3.5 (Spring Framework 6.2.x, Spring Security 6.5.x) with
 * the autoconfigure jar built for the build's Boot line.
 */
class RunsOnBoot35Test extends RunsOnBootLine {

	RunsOnBoot35Test() {
		super("3.5.", "6.2.", "6.5.");
	}

}
