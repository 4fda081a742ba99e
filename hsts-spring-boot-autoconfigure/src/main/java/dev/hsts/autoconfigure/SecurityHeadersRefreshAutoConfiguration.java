package dev.hsts.autoconfigure;

import dev.hsts.actuate.PolicyChangeAuditor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Changes the policy while the application runs: where Spring Cloud Context is on the
 * class path, each {@code EnvironmentChangeEvent} that names a {@code security.headers}
 * key ({@code /actuator/refresh}, Spring Cloud Bus, Spring Cloud Kubernetes reload) runs
 * {@link SecurityHeadersPolicyRefresher}; where the application has an
 * {@code AuditEventRepository}, each applied or refused change is an audit event. Without
 * Spring Cloud nothing listens, and the policy changes only with a restart (or a call of
 * {@link SecurityHeadersPolicyRefresher#refresh()}).
 */
@AutoConfiguration(after = { SecurityHeadersAutoConfiguration.class, ReactiveSecurityHeadersAutoConfiguration.class },
		afterName = "org.springframework.boot.actuate.autoconfigure.audit.AuditAutoConfiguration")
@ConditionalOnBean(SecurityHeadersPolicyRefresher.class)
public class SecurityHeadersRefreshAutoConfiguration {

	/** Spring Cloud's refresh events. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = SpringCloudEnvironmentChanges.EVENT)
	static class SpringCloudConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SpringCloudEnvironmentChanges securityHeadersEnvironmentChanges(SecurityHeadersPolicyRefresher refresher) {
			return new SpringCloudEnvironmentChanges(refresher);
		}

	}

	/** Audit events of the changes. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.actuate.audit.listener.AuditApplicationEvent")
	@ConditionalOnBean(type = "org.springframework.boot.actuate.audit.AuditEventRepository")
	static class AuditConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PolicyChangeAuditor securityHeadersPolicyChangeAuditor(ApplicationEventPublisher publisher) {
			return new PolicyChangeAuditor(publisher);
		}

	}

}
