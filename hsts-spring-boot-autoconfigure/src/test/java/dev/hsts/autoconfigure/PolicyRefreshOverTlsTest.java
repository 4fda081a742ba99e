package dev.hsts.autoconfigure;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.hsts.autoconfigure.SecurityHeadersPolicyRefresher.Outcome;
import dev.hsts.core.LivePolicy;
import dev.hsts.reactive.ReactiveResponseKindsApplication;
import dev.hsts.servlet.ResponseKindsApplication;
import dev.hsts.test.Http;
import dev.hsts.test.RunningApp;
import dev.hsts.test.RunningReactiveApp;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Policies swapped again and again while clients keep real TLS connections busy, on
 * Tomcat and on Reactor Netty: every response carries either the whole previous policy or
 * the whole new one (HSTS, X-Frame-Options and Referrer-Policy change together), each
 * header exactly once, and nothing fails.
 */
class PolicyRefreshOverTlsTest {

	private static final int CLIENTS = 8;

	private static final int SWAPS = 20;

	private static final List<String> POLICY_A = List.of("max-age=300", "DENY", "no-referrer");

	private static final List<String> POLICY_B = List.of("max-age=86400", "SAMEORIGIN", "same-origin");

	@Test
	void tomcatNeverServesAMixOfTwoPolicies() throws Exception {
		try (RunningApp app = RunningApp.https(new Class<?>[] { ResponseKindsApplication.class },
				"security.headers.hsts.rollout.stage=1")) {
			swapUnderLoad(app.context(), app::https);
		}
	}

	@Test
	void reactorNettyNeverServesAMixOfTwoPolicies() throws Exception {
		try (RunningReactiveApp app = RunningReactiveApp.https(
				new Class<?>[] { ReactiveResponseKindsApplication.class }, "security.headers.hsts.rollout.stage=1",
				"logging.level.org.springframework.web.server.adapter=OFF")) {
			swapUnderLoad(app.context(), app::https);
		}
	}

	private static void swapUnderLoad(ConfigurableApplicationContext context, java.util.function.Supplier<Http> clients)
			throws Exception {
		Map<String, Object> changed = new HashMap<>();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("changed", changed));
		SecurityHeadersPolicyRefresher refresher = context.getBean(SecurityHeadersPolicyRefresher.class);
		AtomicBoolean running = new AtomicBoolean(true);
		ConcurrentLinkedQueue<List<List<String>>> seen = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			Http http = clients.get();
			Thread thread = new Thread(() -> {
				try {
					while (running.get()) {
						HttpResponse<String> response = http.get("api.example.test", "/ok");
						seen.add(List.of(List.of(String.valueOf(response.statusCode())),
								Http.values(response, "Strict-Transport-Security"),
								Http.values(response, "X-Frame-Options"), Http.values(response, "Referrer-Policy")));
					}
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
			}, "client-" + i);
			thread.start();
			threads.add(thread);
		}
		try {
			for (int i = 0; i < SWAPS; i++) {
				changed.put("security.headers.hsts.rollout.stage", "2");
				changed.put("security.headers.frame-options", "SAMEORIGIN");
				changed.put("security.headers.referrer-policy", "same-origin");
				assertThat(refresher.refresh()).isEqualTo(Outcome.APPLIED);
				Thread.sleep(25);
				changed.clear();
				assertThat(refresher.refresh()).isEqualTo(Outcome.APPLIED);
				Thread.sleep(25);
			}
		}
		finally {
			running.set(false);
			for (Thread thread : threads) {
				thread.join(30_000);
			}
		}
		assertThat(failures).isEmpty();
		assertThat(context.getBean(LivePolicy.class).current().number()).isEqualTo(1 + 2 * SWAPS);
		int a = 0;
		int b = 0;
		for (List<List<String>> response : seen) {
			assertThat(response.get(0)).containsExactly("200");
			List<String> headers = new ArrayList<>();
			for (List<String> values : response.subList(1, 4)) {
				assertThat(values).as("each header exactly once: %s", response).hasSize(1);
				headers.add(values.get(0));
			}
			assertThat(headers).as("one policy, not a mix").isIn(POLICY_A, POLICY_B);
			if (headers.equals(POLICY_A)) {
				a++;
			}
			else {
				b++;
			}
		}
		assertThat(a).as("responses with the first policy").isPositive();
		assertThat(b).as("responses with the second policy").isPositive();
	}

}
