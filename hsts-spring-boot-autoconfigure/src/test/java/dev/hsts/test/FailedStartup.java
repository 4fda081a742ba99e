package dev.hsts.test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An application start that fails, read as a user reads it: the printed "APPLICATION
 * FAILED TO START" report, split into its description and its action.
 *
 * @param printed everything printed while the application tried to start
 * @param description the report's Description section
 * @param action the report's Action section
 */
public record FailedStartup(String printed, String description, String action) {

	/**
	 * Runs the application, which must fail to start with a report.
	 * @param application the application
	 * @param output the captured output
	 * @return the report
	 */
	public static FailedStartup of(SpringApplicationBuilder application, CapturedOutput output) {
		int before = output.getAll().length();
		assertThatThrownBy(() -> application.run().close()).isNotNull();
		return printedSince(output, before);
	}

	/**
	 * Reads the report a failed start printed since {@code before}, asserting that there
	 * is one, with an Action section, and no stack trace instead.
	 * @param output the captured output
	 * @param before how much of it was printed before the start
	 * @return the report
	 */
	public static FailedStartup printedSince(CapturedOutput output, int before) {
		String printed = output.getAll().substring(before);
		int start = printed.indexOf("APPLICATION FAILED TO START");
		assertThat(start).as("the failure report, in:%n%s", printed).isGreaterThanOrEqualTo(0);
		String report = printed.substring(start);
		int action = report.indexOf("\nAction:");
		assertThat(action).as("an Action section in:%n%s", report).isPositive();
		// A report, not a stack trace: Boot logs "Application run failed" with the trace
		// only when no analyzer answered.
		assertThat(printed).doesNotContain("Application run failed");
		return new FailedStartup(printed, report.substring(0, action), report.substring(action));
	}

}
