package dev.hsts.reactive;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.hsts.core.CspReportCollector;
import dev.hsts.core.CspReportStatistics;
import dev.hsts.core.CspViolationReport;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CspReportWebFilter} when the report's body cannot be read (the client went away,
 * a broken chunk): a bodiless 400, never a 5xx, and counted as a refused report
 * ({@code malformed}, the {@code reason} tag of the rejected counter), as the servlet
 * collector counts it.
 */
class CspReportWebFilterTest {

	private final List<String> rejected = new ArrayList<>();

	private final CspReportCollector collector = new CspReportCollector(
			new CspReportCollector.Settings("/csp-reports", 4096, 1.0, 100, 1000, Duration.ofMinutes(1),
					CspReportCollector.LogLevel.OFF),
			Clock.systemUTC(), new CspReportStatistics(Clock.systemUTC()), new CspReportCollector.Counters() {

				@Override
				public void accepted(CspViolationReport report, String directiveTag) {
				}

				@Override
				public void rejected(String reason) {
					CspReportWebFilterTest.this.rejected.add(reason);
				}

			}, List.of(), Set.of("default"));

	@Test
	void anUnreadableBodyIsABadRequestCountedAsMalformed() {
		DataBuffer start = DefaultDataBufferFactory.sharedInstance.wrap("{\"csp-report\":".getBytes());
		Flux<DataBuffer> broken = Flux.concat(Mono.just(start), Mono.error(new IOException("connection reset")));
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.post("https://api.example.test/csp-reports?policy=default")
				.header("Content-Type", "application/csp-report")
				.body(broken));
		new CspReportWebFilter(this.collector).filter(exchange, (next) -> Mono.error(new AssertionError("passed on")))
			.block();
		assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(400);
		assertThat(this.rejected).containsExactly(CspReportCollector.Reasons.MALFORMED);
	}

}
