package dev.hsts.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.sun.management.ThreadMXBean;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;

import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A complement to JMH for a machine shared with other work. The variants of one
 * comparison run in one JVM, interleaved in short blocks (the order rotates every round),
 * and each block is timed in <em>CPU time of the running thread</em>, so time the thread
 * spends descheduled by other processes is not counted (JMH measures wall time). Prints,
 * per variant, the median CPU ns/op and bytes allocated per op over the rounds, and each
 * ratio as the median of the ratios within a round (measured seconds apart).
 *
 * <p>
 * Usage:
 * {@code java -cp benchmarks.jar dev.hsts.benchmarks.InterleavedRunner per-request|per-request-tomcat|per-request-reactive|hosts
 * [rounds]
 * [block milliseconds] [kinds]}. In {@code hosts} mode, every kind of host of
 * {@link HostCheckBenchmark} ({@code exact}, {@code deepWildcard}, {@code rejected},
 * {@code ipv4Inside}, {@code ipv4Outside}, {@code ipv6Inside}, {@code ipv6Outside}, or
 * those of the comma-separated {@code kinds}) is checked against 10 to 10 000 entries
 * ({@code kind/entries}, {@link HostCheckBenchmark#check()}, the ratio to 10 entries
 * printed), and each kind that passes also remembered ({@code kindAgain/10} and
 * {@code kindAgain/10000}, {@link HostCheckBenchmark#checkSameHostAgain()}).
 */
public final class InterleavedRunner {

	@FunctionalInterface
	private interface Operation {

		int run() throws Exception;

	}

	private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	private InterleavedRunner() {
	}

	public static void main(String[] args) throws Exception {
		String mode = (args.length > 0) ? args[0] : "per-request";
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 30;
		long blockNanos = ((args.length > 2) ? Long.parseLong(args[2]) : 100) * 1_000_000L;
		Map<String, Operation> variants = new LinkedHashMap<>();
		if (mode.equals("per-request")) {
			PerRequestBenchmark benchmark = new PerRequestBenchmark();
			benchmark.setUp();
			variants.put("floor", () -> benchmark.floor().getStatus());
			variants.put("naiveFilter", () -> benchmark.naiveFilter().getStatus());
			variants.put("naiveFilterSetIfAbsent", () -> benchmark.naiveFilterSetIfAbsent().getStatus());
			variants.put("springSecurityHeaderWriterFilter",
					() -> benchmark.springSecurityHeaderWriterFilter().getStatus());
			variants.put("starter", () -> benchmark.starter().getStatus());
			variants.put("starterHeadersOnly", () -> benchmark.starterHeadersOnly().getStatus());
			variants.put("naiveInSpringSecurityChain", () -> benchmark.naiveInSpringSecurityChain().getStatus());
			variants.put("starterInSpringSecurityChain", () -> benchmark.starterInSpringSecurityChain().getStatus());
		}
		else if (mode.equals("per-request-tomcat")) {
			TomcatPerRequestBenchmark benchmark = new TomcatPerRequestBenchmark();
			benchmark.setUp();
			variants.put("floor", benchmark::floor);
			variants.put("naiveFilter", benchmark::naiveFilter);
			variants.put("naiveFilterSetIfAbsent", benchmark::naiveFilterSetIfAbsent);
			variants.put("springSecurityHeaderWriterFilter", benchmark::springSecurityHeaderWriterFilter);
			variants.put("starter", benchmark::starter);
			variants.put("starterHeadersOnly", benchmark::starterHeadersOnly);
			variants.put("naiveInSpringSecurityChain", benchmark::naiveInSpringSecurityChain);
			variants.put("starterInSpringSecurityChain", benchmark::starterInSpringSecurityChain);
		}
		else if (mode.equals("per-request-mvc")) {
			// The variants in Spring Security's default chain, in front of the
			// health servlet and of Spring MVC with Jackson (sample-app's way), on
			// the mock request.
			PerRequestBenchmark benchmark = new PerRequestBenchmark();
			benchmark.setUp();
			Variants filters = benchmark.variants();
			Servlet mvc = MvcHealthServlet.create();
			for (Filter[] chain : List.of(filters.naiveInSpringSecurityChain, filters.starterInSpringSecurityChain)) {
				// The security headers of the health servlet's answer (checked by
				// setUp), in front of Spring MVC too.
				Set<String> expected = securityHeaders(benchmark.run(filters.servlet, chain));
				MockHttpServletResponse response = benchmark.run(mvc, chain);
				if (response.getStatus() != 200 || !securityHeaders(response).equals(expected)) {
					throw new IllegalStateException("Spring MVC: " + response.getStatus() + " "
							+ response.getHeaderNames() + ", the health servlet " + expected);
				}
			}
			variants.put("floor", () -> benchmark.floor().getStatus());
			variants.put("naiveInSpringSecurityChain", () -> benchmark.naiveInSpringSecurityChain().getStatus());
			variants.put("starterInSpringSecurityChain", () -> benchmark.starterInSpringSecurityChain().getStatus());
			variants.put("floorMvc", () -> benchmark.run(mvc, filters.floor).getStatus());
			variants.put("naiveInSpringSecurityChainMvc",
					() -> benchmark.run(mvc, filters.naiveInSpringSecurityChain).getStatus());
			variants.put("starterInSpringSecurityChainMvc",
					() -> benchmark.run(mvc, filters.starterInSpringSecurityChain).getStatus());
		}
		else if (mode.equals("calls-tomcat")) {
			// Not timed: per variant, the calls one request makes of the request's
			// attribute and header methods and of the response's header methods
			// (after a warm-up request).
			TomcatPerRequestBenchmark benchmark = new TomcatPerRequestBenchmark();
			benchmark.setUp();
			for (Map.Entry<String, Map<String, Integer>> variant : benchmark.calls().entrySet()) {
				System.out.printf(Locale.ROOT, "%-30s %s%n", variant.getKey(), variant.getValue());
			}
			return;
		}
		else if (mode.equals("per-request-reactive")) {
			ReactivePerRequestBenchmark benchmark = new ReactivePerRequestBenchmark();
			benchmark.setUp();
			variants.put("floor", () -> benchmark.floor().getStatusCode().value());
			variants.put("naiveWebFilter", () -> benchmark.naiveWebFilter().getStatusCode().value());
			variants.put("naiveWebFilterSetIfAbsent",
					() -> benchmark.naiveWebFilterSetIfAbsent().getStatusCode().value());
			variants.put("springSecurityHeaderWriterWebFilter",
					() -> benchmark.springSecurityHeaderWriterWebFilter().getStatusCode().value());
			variants.put("starter", () -> benchmark.starter().getStatusCode().value());
			variants.put("starterHeadersOnly", () -> benchmark.starterHeadersOnly().getStatusCode().value());
			variants.put("starterHeadersOnlyBeforeCommit",
					() -> benchmark.starterHeadersOnlyBeforeCommit().getStatusCode().value());
		}
		else if (mode.equals("hosts")) {
			List<String> kinds = (args.length > 3) ? List.of(args[3].split(",")) : List.of(HostCheckBenchmark.KINDS);
			for (String host : kinds) {
				for (int entries : new int[] { 10, 100, 1000, 10000 }) {
					HostCheckBenchmark benchmark = new HostCheckBenchmark();
					benchmark.entries = entries;
					benchmark.host = host;
					benchmark.setUp();
					variants.put(host + "/" + entries, () -> benchmark.check().isPresent() ? 1 : 0);
				}
			}
			for (String host : kinds) {
				if (!host.equals("rejected") && !host.endsWith("Outside")) {
					for (int entries : new int[] { 10, 10000 }) {
						HostCheckBenchmark benchmark = new HostCheckBenchmark();
						benchmark.entries = entries;
						benchmark.host = host;
						benchmark.setUp();
						variants.put(host + "Again/" + entries,
								() -> benchmark.checkSameHostAgain().isPresent() ? 1 : 0);
					}
				}
			}
		}
		else {
			throw new IllegalArgumentException(
					"per-request, per-request-tomcat, per-request-mvc, calls-tomcat, per-request-reactive or hosts, not "
							+ mode);
		}
		List<String> names = new ArrayList<>(variants.keySet());
		for (int i = 0; i < 5; i++) {
			for (String name : names) {
				block(variants.get(name), blockNanos * 2);
			}
		}
		Map<String, double[]> cpu = new LinkedHashMap<>();
		Map<String, double[]> bytes = new LinkedHashMap<>();
		names.forEach((name) -> {
			cpu.put(name, new double[rounds]);
			bytes.put(name, new double[rounds]);
		});
		for (int round = 0; round < rounds; round++) {
			for (int k = 0; k < names.size(); k++) {
				String name = names.get((round + k) % names.size());
				double[] result = block(variants.get(name), blockNanos);
				cpu.get(name)[round] = result[0];
				bytes.get(name)[round] = result[1];
			}
		}
		System.out.printf(Locale.ROOT,
				"# %s: %d rounds of %d ms blocks per variant, interleaved; CPU time of the thread%n", mode, rounds,
				blockNanos / 1_000_000);
		if (mode.equals("per-request-reactive")) {
			report(names, cpu, bytes, "springSecurityHeaderWriterWebFilter", "naiveWebFilter",
					"naiveWebFilterSetIfAbsent");
		}
		else if (mode.equals("per-request-mvc")) {
			for (String name : names) {
				System.out.printf(Locale.ROOT, "%-34s %10.0f ns %8.0f B%n", name, median(cpu.get(name)),
						median(bytes.get(name)));
			}
			reportChain("health servlet", "", cpu, bytes);
			reportChain("Spring MVC with Jackson", "Mvc", cpu, bytes);
		}
		else if (mode.startsWith("per-request")) {
			report(names, cpu, bytes, "springSecurityHeaderWriterFilter", "naiveFilter", "naiveFilterSetIfAbsent");
			System.out.println();
			reportChain("In Spring Security's default filter chain", "", cpu, bytes);
		}
		else {
			System.out.printf(Locale.ROOT, "%-24s %12s %10s %14s%n", "variant", "CPU ns/op", "B/op", "/ 10 entries");
			for (String name : names) {
				String base = name.substring(0, name.indexOf('/')) + "/10";
				System.out.printf(Locale.ROOT, "%-24s %12.1f %10.0f %14.3f%n", name, median(cpu.get(name)),
						median(bytes.get(name)), medianRatio(cpu.get(name), cpu.get(base)));
			}
		}
	}

	/**
	 * The starter's filters against the hand-written filter, each before Spring
	 * Security's default chain (the variants whose names end in {@code suffix}).
	 */
	private static void reportChain(String label, String suffix, Map<String, double[]> cpu,
			Map<String, double[]> bytes) {
		String starter = "starterInSpringSecurityChain" + suffix;
		String naive = "naiveInSpringSecurityChain" + suffix;
		System.out.printf(Locale.ROOT,
				"%s: starter / hand-written filter %.3f (CPU, median of the rounds' ratios), %+.0f ns, %+.0f B per "
						+ "request%n",
				label, medianRatio(cpu.get(starter), cpu.get(naive)), median(cpu.get(starter)) - median(cpu.get(naive)),
				median(bytes.get(starter)) - median(bytes.get(naive)));
	}

	/**
	 * The names of the response's headers but {@code Content-*} (which the servlets set
	 * each their way).
	 */
	private static Set<String> securityHeaders(MockHttpServletResponse response) {
		Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		for (String name : response.getHeaderNames()) {
			if (!name.regionMatches(true, 0, "Content-", 0, 8)) {
				names.add(name);
			}
		}
		return names;
	}

	private static void report(List<String> names, Map<String, double[]> cpu, Map<String, double[]> bytes, String first,
			String second, String third) {
		double[] floor = cpu.get("floor");
		double[] floorBytes = bytes.get("floor");
		System.out.printf(Locale.ROOT, "%-34s %10s %8s %10s %8s %10s %10s %12s %12s %14s%n", "variant", "CPU ns/op",
				"B/op", "ns-floor", "B-floor", "/ springSec", "/ naive", "net/springSec", "net/naive", "/ setIfAbsent");
		for (String name : names) {
			double[] own = cpu.get(name);
			double[] net = minus(own, floor);
			System.out.printf(Locale.ROOT, "%-34s %10.0f %8.0f %10.0f %8.0f %10.3f %10.3f %12.3f %12.3f %14.3f%n", name,
					median(own), median(bytes.get(name)), median(net), median(minus(bytes.get(name), floorBytes)),
					medianRatio(own, cpu.get(first)), medianRatio(own, cpu.get(second)),
					medianRatio(net, minus(cpu.get(first), floor)), medianRatio(net, minus(cpu.get(second), floor)),
					medianRatio(own, cpu.get(third)));
		}
	}

	/**
	 * Runs an operation for about {@code nanos} of thread CPU time; returns CPU ns and
	 * bytes allocated per op.
	 */
	private static double[] block(Operation operation, long nanos) throws Exception {
		long thread = Thread.currentThread().getId();
		long startBytes = THREADS.getThreadAllocatedBytes(thread);
		long start = THREADS.getCurrentThreadCpuTime();
		long deadline = start + nanos;
		long ops = 0;
		int sink = 0;
		long now;
		do {
			for (int i = 0; i < 256; i++) {
				sink += operation.run();
			}
			ops += 256;
			now = THREADS.getCurrentThreadCpuTime();
		}
		while (now < deadline);
		long allocated = THREADS.getThreadAllocatedBytes(thread) - startBytes;
		if (sink == 42) {
			System.out.print("");
		}
		return new double[] { (double) (now - start) / ops, (double) allocated / ops };
	}

	private static double[] minus(double[] a, double[] b) {
		double[] result = new double[a.length];
		for (int i = 0; i < a.length; i++) {
			result[i] = a[i] - b[i];
		}
		return result;
	}

	private static double medianRatio(double[] a, double[] b) {
		double[] ratios = new double[a.length];
		for (int i = 0; i < a.length; i++) {
			ratios[i] = a[i] / b[i];
		}
		return median(ratios);
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

}
