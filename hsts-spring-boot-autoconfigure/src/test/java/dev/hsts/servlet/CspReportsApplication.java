package dev.hsts.servlet;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.hsts.actuate.CspViolationReportEvent;
import dev.hsts.core.CspReportListener;
import dev.hsts.core.CspViolationReport;
import dev.hsts.test.EnableAutoConfigurationWithoutSpringSecurity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

/**
 * An application for the CSP report tests, without Spring Security: the
 * {@link HeadersEndpoints}, a meter registry, a {@link CspReportListener} bean and an
 * event listener that record what they are told.
 */
@SpringBootConfiguration
@EnableAutoConfigurationWithoutSpringSecurity
@Import(HeadersEndpoints.class)
public class CspReportsApplication {

	@Bean
	SimpleMeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	Recorder cspReportRecorder() {
		return new Recorder();
	}

	/**
	 * Records the reports it is told about, as a listener bean and as an event listener.
	 */
	public static class Recorder implements CspReportListener {

		public final List<CspViolationReport> heard = new CopyOnWriteArrayList<>();

		public final List<CspViolationReport> events = new CopyOnWriteArrayList<>();

		@Override
		public void onReport(CspViolationReport report) {
			this.heard.add(report);
		}

		@EventListener
		public void on(CspViolationReportEvent event) {
			this.events.add(event.getReport());
		}

	}

}
