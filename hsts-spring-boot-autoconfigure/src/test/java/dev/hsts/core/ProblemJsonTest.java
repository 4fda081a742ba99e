package dev.hsts.core;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written problem+json: valid JSON, every string escaped, ASCII only. */
class ProblemJsonTest {

	@Test
	void rendersTheMembersInOrder() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "detail");
		problem.setType(URI.create("about:blank"));
		problem.setTitle("Title");
		problem.setInstance(URI.create("/x"));
		problem.setProperty("reason", "malformed");
		problem.setProperty("count", 3);
		problem.setProperty("flag", true);
		assertThat(ProblemJson.render(problem))
			.isEqualTo("{\"type\":\"about:blank\",\"title\":\"Title\",\"status\":400,"
					+ "\"detail\":\"detail\",\"instance\":\"/x\",\"reason\":\"malformed\",\"count\":3,\"flag\":true}");
	}

	@Test
	void escapesEverythingThatCouldBreakOut() {
		ProblemDetail problem = ProblemDetail.forStatus(400);
		problem.setType(null);
		problem.setDetail("\"quote\" \\ back\nline\r\t\u0001 <script>&amp; \u00e9\u2028");
		assertThat(ProblemJson.render(problem))
			.isEqualTo("{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"\\\"quote\\\" \\\\ back\\nline\\r\\t"
					+ "\\u0001 \\u003cscript\\u003e\\u0026amp; \\u00e9\\u2028\"}");
	}

}
