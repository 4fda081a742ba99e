package dev.hsts.test;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "APPLICATION FAILED TO START" report a failed startup printed, as a user reads it.
 *
 * @param printed everything printed since the start
 * @param description the report up to its Action section
 * @param action its Action section
 */
public record FailureReport(String printed, String description, String action) {

	/**
	 * Reads the report printed since {@code before}, asserting that there is one, with an
	 * Action section.
	 * @param output the captured output
	 * @param before how much of it was printed before the start
	 * @return the report
	 */
	public static FailureReport printedSince(CapturedOutput output, int before) {
		String printed = output.getAll().substring(before);
		int start = printed.indexOf("APPLICATION FAILED TO START");
		assertThat(start).as("the failure report, in:%n%s", printed).isGreaterThanOrEqualTo(0);
		String report = printed.substring(start);
		int action = report.indexOf("\nAction:");
		assertThat(action).as("an Action section in:%n%s", report).isPositive();
		return new FailureReport(printed, report.substring(0, action), report.substring(action));
	}

}
