package dev.hsts.testkit;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Makes the application of the running Spring test (a {@code @SpringBootTest}, say) the
 * one whose policy {@code hsts().isStage(n)} and {@code hasSecurityHeadersFor(host)}
 * compare with, so a test needs no more than {@code assertThat(response)}. Registered in
 * {@code META-INF/spring.factories}; Spring's TestContext framework runs it for every
 * Spring test. Internal: public only for that registration.
 */
public final class SecurityHeadersTestExecutionListener implements TestExecutionListener, Ordered {

	private static final ThreadLocal<TestContext> CURRENT = new ThreadLocal<>();

	@Override
	public void beforeTestMethod(TestContext testContext) {
		CURRENT.set(testContext);
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		CURRENT.remove();
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/** The application of the Spring test running on this thread, or {@code null}. */
	static ApplicationContext currentApplicationContext() {
		TestContext testContext = CURRENT.get();
		return (testContext != null && testContext.hasApplicationContext()) ? testContext.getApplicationContext()
				: null;
	}

}
