package dev.hsts.autoconfigure;

import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;

/**
 * Applies a changed {@code security.headers} configuration when Spring Cloud Context says
 * the environment changed: after {@code /actuator/refresh} or
 * {@code /actuator/busrefresh}, and after a Spring Cloud Kubernetes config reload. The
 * event names the changed keys; a change that names none of the starter's is ignored.
 */
class SpringCloudEnvironmentChanges implements ApplicationListener<EnvironmentChangeEvent> {

	static final String EVENT = "org.springframework.cloud.context.environment.EnvironmentChangeEvent";

	private final SecurityHeadersPolicyRefresher refresher;

	SpringCloudEnvironmentChanges(SecurityHeadersPolicyRefresher refresher) {
		this.refresher = refresher;
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		this.refresher.refresh(event.getKeys());
	}

}
