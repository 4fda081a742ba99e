package dev.hsts.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;

/**
 * Where the starter's share of a sample app's start-up goes (issue 21): starts the app
 * named by {@code -Dsteps.main} with Spring's {@link BufferingApplicationStartup}, then
 * prints, for each start-up step of the starter (a bean of the starter's own type or made
 * by one of its auto-configurations, a post-processor of the starter's), the step's own
 * time (its duration less that of the steps inside it), and the totals. Run by
 * {@code benchmarks/startup-steps}, which loads this class into the sample's jar with
 * Boot's {@code PropertiesLauncher}.
 *
 * <p>
 * It also prints every step's own time summed by Spring's step name, the beans and
 * post-processors of the starter apart from the others ({@code PHASE <self ms> <steps>
 * <name>}, e.g. {@code spring.context.config-classes.parse}, where the
 * auto-configurations are read and their conditions evaluated, or
 * {@code spring.beans.instantiate [other]}): run on the same app without the starter, the
 * phases show where the rest of the starter's start-up cost goes, outside its own steps.
 *
 * <p>
 * Lines: {@code STEP <self ms> <name> <bean or post-processor>} for each of the starter's
 * steps, the {@code PHASE} lines, then {@code TOTAL <run ms> <refresh ms> <starter self
 * ms>}. The times include what the first use of a class costs (loading, verifying,
 * running it interpreted), so a step that is first to use a JDK or Spring class the app
 * would load anyway shows that cost too.
 */
public final class StartupSteps {

	private static final String STARTER = "dev.hsts.";

	private static final String SAMPLE = "dev.hsts.sample.";

	private StartupSteps() {
	}

	public static void main(String[] args) throws Exception {
		Class<?> main = Class.forName(System.getProperty("steps.main"));
		SpringApplication application = new SpringApplication(main);
		BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);
		application.setApplicationStartup(startup);
		long started = System.nanoTime();
		ConfigurableApplicationContext context = application.run(args);
		long run = System.nanoTime() - started;
		List<StartupTimeline.TimelineEvent> events = startup.getBufferedTimeline().getEvents();
		Map<Long, Long> inside = new HashMap<>();
		for (StartupTimeline.TimelineEvent event : events) {
			Long parent = event.getStartupStep().getParentId();
			if (parent != null) {
				inside.merge(parent, event.getDuration().toNanos(), Long::sum);
			}
		}
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		long refresh = 0;
		long starter = 0;
		List<String> lines = new ArrayList<>();
		Map<String, long[]> phases = new TreeMap<>();
		for (StartupTimeline.TimelineEvent event : events) {
			StartupStep step = event.getStartupStep();
			if (step.getName().equals("spring.context.refresh")) {
				refresh = event.getDuration().toNanos();
			}
			long self = event.getDuration().toNanos() - inside.getOrDefault(step.getId(), 0L);
			String subject = starterSubject(step, beanFactory);
			if (subject != null) {
				starter += self;
				lines.add(String.format("STEP %.2f %s %s", self / 1e6, step.getName(), subject));
			}
			String phase = step.getName() + (hasSubject(step) ? ((subject != null) ? " [starter]" : " [other]") : "");
			long[] sum = phases.computeIfAbsent(phase, (name) -> new long[2]);
			sum[0] += self;
			sum[1]++;
		}
		lines.forEach(System.out::println);
		phases.forEach((name, sum) -> System.out.printf("PHASE %.2f %d %s%n", sum[0] / 1e6, sum[1], name));
		System.out.printf("TOTAL %.1f %.1f %.1f%n", run / 1e6, refresh / 1e6, starter / 1e6);
		context.close();
		System.exit(0);
	}

	/** Whether a step is about a bean or a post-processor. */
	private static boolean hasSubject(StartupStep step) {
		for (StartupStep.Tag tag : step.getTags()) {
			if (tag.getKey().equals("postProcessor") || tag.getKey().equals("beanName")) {
				return true;
			}
		}
		return false;
	}

	/** The starter's bean or post-processor a step is about, or {@code null}. */
	private static String starterSubject(StartupStep step, ConfigurableListableBeanFactory beanFactory) {
		for (StartupStep.Tag tag : step.getTags()) {
			if (tag.getKey().equals("postProcessor") && isStarter(tag.getValue())) {
				return tag.getValue().replaceAll("@[0-9a-f]+$", "");
			}
			if (tag.getKey().equals("beanName") && isStarterBean(tag.getValue(), beanFactory)) {
				return tag.getValue();
			}
		}
		return null;
	}

	private static boolean isStarterBean(String name, ConfigurableListableBeanFactory beanFactory) {
		if (isStarter(name)) {
			return true;
		}
		if (!beanFactory.containsBeanDefinition(name)) {
			return false;
		}
		BeanDefinition definition = beanFactory.getBeanDefinition(name);
		if (isStarter(definition.getBeanClassName())) {
			return true;
		}
		String factory = definition.getFactoryBeanName();
		return factory != null && beanFactory.containsBeanDefinition(factory)
				&& isStarter(beanFactory.getBeanDefinition(factory).getBeanClassName());
	}

	private static boolean isStarter(String name) {
		return name != null && name.startsWith(STARTER) && !name.startsWith(SAMPLE);
	}

}
