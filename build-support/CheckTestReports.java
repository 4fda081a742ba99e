/*
 * Checks the surefire reports a module wrote in this build. Run by the parent POM in every module's verify phase
 * (maven-enforcer-plugin, rule evaluateBeanshell, starts this file with the JDK's source launcher), so it needs
 * nothing but the JDK:
 *
 *   java build-support/CheckTestReports.java --module=NAME --reports=DIR --since=EPOCH_MILLIS --test-sources=DIR
 *       [--ran-all-tests-of=OTHER_MODULE/target/surefire-reports]
 *
 * - Only reports written since the build started (--since, the Maven session's start) count: reports left in
 *   target/ by an earlier build are ignored.
 * - Under CI=true (as .ci/run sets it) a skipped test fails the build: @Disabled, a failed assumption
 *   (Assumptions.abort/assumeTrue), a condition that disabled it. Without CI=true they are listed as warnings.
 * - Under CI=true a module with test sources that ran no test in this build (-DskipTests, -Dmaven.test.skip,
 *   -Dsurefire.skip) fails the build.
 * - With --ran-all-tests-of (compat-boot35, which reruns the autoconfigure module's test-jar): every test class in
 *   that directory's reports (written in this build) must have run here too, with at least as many tests, else the
 *   build fails. When that module ran no test in this build (for example -pl compat-boot35) there is nothing to
 *   compare with: a failure under CI=true, a warning otherwise.
 *
 * Prints its findings as Maven-style [INFO]/[WARNING]/[ERROR] lines and exits 1 when the build must fail.
 * build-support/fixture is a small project that proves it fails (.ci/test-build-checks runs it in CI).
 */

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

public class CheckTestReports {

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Expected --name=value, got: " + arg);
			}
			options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
		System.exit(check(options, ci, System.out) ? 0 : 1);
	}

	/**
	 * Runs the checks and prints what it found.
	 * @return whether the build may go on
	 */
	static boolean check(Map<String, String> options, boolean ci, PrintStream out) throws Exception {
		String module = required(options, "module");
		long since = Long.parseLong(required(options, "since"));
		List<String> errors = new ArrayList<>();
		List<String> warnings = new ArrayList<>();
		Map<String, Suite> suites = read(Path.of(required(options, "reports")), since);
		int ran = suites.values().stream().mapToInt(Suite::ran).sum();
		List<String> skipped = new ArrayList<>();
		suites.values().forEach((suite) -> skipped.addAll(suite.skipped));
		String summary = module + ": " + ran + " tests ran in this build, " + skipped.size() + " skipped";

		if (suites.isEmpty() && hasTests(Path.of(required(options, "test-sources")))) {
			String message = module + " has tests but ran none in this build (tests switched off with -DskipTests, "
					+ "-Dmaven.test.skip or -Dsurefire.skip?)";
			(ci ? errors : warnings).add(message + (ci ? ": under CI=true every module's tests must run" : ""));
		}
		if (!skipped.isEmpty()) {
			String heading = module + ": " + skipped.size() + " test(s) skipped"
					+ (ci ? " under CI=true, where no test may skip (install what they need, or make them pass):"
							: " (under CI=true this fails the build):");
			List<String> target = ci ? errors : warnings;
			target.add(heading);
			skipped.forEach((test) -> target.add("  skipped: " + test));
		}
		String reference = options.get("ran-all-tests-of");
		if (reference != null && !reference.isEmpty()) {
			// .../<module>/target/surefire-reports
			Path referenceModuleDirectory = Path.of(reference).toAbsolutePath().normalize().getParent().getParent();
			String referenceModule = referenceModuleDirectory.getFileName().toString();
			Map<String, Suite> expected = read(Path.of(reference), since);
			int expectedRan = expected.values().stream().mapToInt(Suite::ran).sum();
			if (expected.isEmpty()) {
				String message = "cannot check that " + module + " ran the tests of " + referenceModule + ": "
						+ referenceModule + " wrote no test report in this build (" + reference + ")";
				(ci ? errors : warnings).add(message + (ci ? "; under CI=true build the whole project" : ""));
			}
			else {
				List<String> shortfalls = new ArrayList<>();
				int ranHere = 0;
				for (Suite suite : expected.values()) {
					Suite here = suites.get(suite.name);
					int count = (here != null) ? here.ran() : 0;
					ranHere += Math.min(count, suite.ran());
					if (here == null) {
						shortfalls.add("  not run here: " + suite.name + " (" + suite.ran() + " test(s) in "
								+ referenceModule + ")");
					}
					else if (count < suite.ran()) {
						shortfalls.add("  fewer tests: " + suite.name + " ran " + count + " here, " + suite.ran()
								+ " in " + referenceModule);
					}
				}
				if (shortfalls.isEmpty()) {
					summary += "; it ran all " + expectedRan + " tests (" + expected.size() + " classes) that "
							+ referenceModule + " ran";
				}
				else {
					errors.add(module + " ran only " + ranHere + " of the " + expectedRan + " tests that "
							+ referenceModule + " ran in this build (" + expected.size() + " classes); " + module
							+ " must run every test of " + referenceModule + "'s test-jar:");
					errors.addAll(shortfalls);
				}
			}
		}
		out.println("[INFO] Test reports: " + summary);
		warnings.forEach((line) -> out.println("[WARNING] Test reports: " + line));
		errors.forEach((line) -> out.println("[ERROR] Test reports: " + line));
		return errors.isEmpty();
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("Missing --" + name + "=...");
		}
		return value;
	}

	private static boolean hasTests(Path testSources) throws IOException {
		if (!Files.isDirectory(testSources)) {
			return false;
		}
		try (Stream<Path> files = Files.walk(testSources)) {
			return files.anyMatch((file) -> file.toString().endsWith(".java"));
		}
	}

	/**
	 * The test cases in the TEST-*.xml reports in {@code directory} written at or after {@code since}, by test class
	 * (a nested class counts as a class of its own: surefire's per-file totals leave out its tests).
	 */
	static Map<String, Suite> read(Path directory, long since) throws Exception {
		Map<String, Suite> suites = new TreeMap<>();
		File[] files = directory.toFile().listFiles((dir, name) -> name.startsWith("TEST-") && name.endsWith(".xml"));
		if (files == null) {
			return suites;
		}
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		DocumentBuilder builder = factory.newDocumentBuilder();
		for (File file : files) {
			if (file.lastModified() < since) {
				continue;
			}
			Element root = builder.parse(file).getDocumentElement();
			int skippedInReport = 0;
			NodeList testcases = root.getElementsByTagName("testcase");
			for (int i = 0; i < testcases.getLength(); i++) {
				Element testcase = (Element) testcases.item(i);
				Suite suite = suites.computeIfAbsent(testcase.getAttribute("classname"), Suite::new);
				suite.tests++;
				Element skipped = child(testcase, "skipped");
				if (skipped != null) {
					skippedInReport++;
					suite.skipped.add(suite.name + "#" + testcase.getAttribute("name") + reason(skipped));
				}
			}
			String declared = root.getAttribute("skipped");
			int skippedDeclared = declared.isEmpty() ? 0 : Integer.parseInt(declared);
			if (skippedDeclared > skippedInReport) {
				Suite suite = suites.computeIfAbsent(root.getAttribute("name"), Suite::new);
				for (int i = skippedInReport; i < skippedDeclared; i++) {
					suite.tests++;
					suite.skipped.add(suite.name + ": a skipped test that " + file.getName() + " does not name");
				}
			}
		}
		return suites;
	}

	/**
	 * Why a test was skipped: the reason of a disabled test, or the first line of an aborted one's stack trace (a
	 * failed assumption).
	 */
	private static String reason(Element skipped) {
		String message = skipped.getAttribute("message").strip();
		if (message.isEmpty()) {
			message = skipped.getTextContent().strip().lines().findFirst().orElse("");
		}
		return message.isEmpty() ? "" : ": " + message;
	}

	private static Element child(Element parent, String name) {
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element && name.equals(node.getNodeName())) {
				return (Element) node;
			}
		}
		return null;
	}

	/** One test class's test cases. */
	static final class Suite {

		final String name;

		int tests;

		final List<String> skipped = new ArrayList<>();

		Suite(String name) {
			this.name = name;
		}

		int ran() {
			return this.tests - this.skipped.size();
		}

	}

}
