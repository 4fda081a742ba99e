package dev.hsts.compat;

import dev.hsts.test.RunsOnBootLine;

/**
 * This module runs Spring Boot 4.0 (Spring Framework 7.0.x, Spring Security 7.0.x) with
 * the autoconfigure jar built for the build's Boot line.
 */
class RunsOnBoot40Test extends RunsOnBootLine {

	RunsOnBoot40Test() {
		super("4.0.", "7.0.", "7.0.");
	}

}
