package dev.hsts.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PathPatterns}: the check that spares the parsing
 * ({@link PathPatterns#mayMatch(String)}) never turns a match away, against Spring's own
 * matching of the parsed path.
 */
class PathPatternsTest {

	final PathPatterns docs = PathPatterns.parse("p", List.of("/", "/docs", "/docs/**"));

	@Test
	void aPlainPathThatNoPatternCanMatchIsTurnedAwayWithoutParsing() {
		assertThat(this.docs.mayMatch("/v1/health")).isFalse();
		assertThat(this.docs.mayMatch("/doc")).isFalse();
		assertThat(this.docs.mayMatch("/DOCS")).isFalse();
		assertThat(this.docs.mayMatch("//docs")).isFalse();
	}

	@Test
	void pathsThePatternsMatchAndPathsThatNeedDecodingAreParsed() {
		for (String path : List.of("/", "/docs", "/docs/", "/docs/a/b", "/%64ocs", "/docs;v=1", "/x%2F")) {
			assertThat(this.docs.mayMatch(path)).as(path).isTrue();
		}
		assertThat(this.docs.matchesPath("/%64ocs/guide")).isTrue();
		assertThat(this.docs.matchesPath("/docs;v=1")).isTrue();
		assertThat(this.docs.matchesPath("/v1/health")).isFalse();
		assertThat(PathPatterns.none().mayMatch("/")).isFalse();
	}

	@Test
	void theCheckNeverTurnsAwayAPathSpringsMatchingAccepts() {
		List<String> segments = List.of("a", "b", "docs", "A", "", "%61", "%2F", "a;p=1", "docs;x", "b.json", "ab");
		List<String> patternSegments = List.of("a", "b", "docs", "A", "*", "**", "{x}", "a*", "?b", "b.json", "*.json",
				"{x}.json", "ab");
		Random random = new Random(6797);
		int turnedAway = 0;
		int matched = 0;
		for (int i = 0; i < 20_000; i++) {
			String pattern = randomPath(random, patternSegments);
			if (random.nextInt(8) == 0) {
				pattern = pattern + ((random.nextBoolean()) ? "/{*rest}" : "/");
			}
			PathPatterns patterns;
			try {
				patterns = PathPatterns.parse("p", List.of(pattern));
			}
			catch (RuntimeException ex) {
				continue;
			}
			String path = randomPath(random, segments) + (random.nextInt(6) == 0 ? "/" : "");
			boolean matches = patterns.matches(PathPatterns.parse(path));
			boolean mayMatch = patterns.mayMatch(path);
			assertThat(!matches || mayMatch).as("pattern %s, path %s", pattern, path).isTrue();
			turnedAway += mayMatch ? 0 : 1;
			matched += matches ? 1 : 0;
		}
		// Both outcomes occur often, so the comparison above is not vacuous.
		assertThat(turnedAway).isGreaterThan(2_000);
		assertThat(matched).isGreaterThan(500);
	}

	private static String randomPath(Random random, List<String> segments) {
		int length = 1 + random.nextInt(3);
		List<String> parts = new ArrayList<>();
		for (int i = 0; i < length; i++) {
			parts.add(segments.get(random.nextInt(segments.size())));
		}
		return "/" + String.join("/", parts);
	}

}
