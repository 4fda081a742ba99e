package dev.hsts.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The keys the starter knows come from its properties classes: every key of the
 * configuration metadata is known and a misspelling of each is not, and is answered with
 * the key; keys are matched in every relaxed form Spring Boot binds.
 */
class KnownPropertiesTest {

	/** What the listed keys start with. */
	private static final String RESOURCE_HEADER = "# The security.headers.* keys the starter binds (KnownProperties.write()),\n"
			+ "# read at start-up instead of the properties classes. KnownPropertiesTest keeps it equal to them.\n";

	private final KnownProperties known = KnownProperties.securityHeaders();

	@Test
	void everyKeyOfTheMetadataIsKnownAndAMisspellingOfEachIsAnsweredWithIt() throws IOException {
		List<String> keys = List.copyOf(ConfigurationMetadata.properties().keySet());
		assertThat(keys).hasSizeGreaterThan(25);
		for (String key : keys) {
			assertThat(this.known.isKnown(name(key))).as(key).isTrue();
			String misspelled = key.substring(0, key.length() - 2) + key.charAt(key.length() - 1);
			assertThat(this.known.isKnown(name(misspelled))).as(misspelled).isFalse();
			assertThat(this.known.closest(name(misspelled))).as(misspelled).contains(key);
			int middle = key.lastIndexOf('.') + (key.length() - key.lastIndexOf('.')) / 2;
			String substituted = key.substring(0, middle) + ((key.charAt(middle) != 'x') ? 'x' : 'q')
					+ key.substring(middle + 1);
			assertThat(this.known.isKnown(name(substituted))).as(substituted).isFalse();
			// The key, or one just as close (http-port and https-port are one letter
			// apart).
			String closest = this.known.closest(name(substituted)).orElseThrow();
			assertThat(KnownProperties.editDistance(uniform(substituted), uniform(closest))).as(substituted)
				.isLessThanOrEqualTo(KnownProperties.editDistance(uniform(substituted), uniform(key)));
		}
	}

	@Test
	void knowsTheKeysInsideListElementsThatTheMetadataDoesNotList() {
		assertThat(this.known.names()).contains("security.headers.hsts.rollout.stages[*].max-age",
				"security.headers.hsts.rollout.stages[*].hold",
				"security.headers.hsts.rollout.stages[*].include-subdomains",
				"security.headers.content-security-policy.path-policies[*].paths[*]",
				"security.headers.content-security-policy.path-policies[*].report-only-policy",
				"security.headers.trusted-hosts.allowed[*]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "security.headers", "security.headers.hsts", "security.headers.hsts.rollout",
			"security.headers.hsts.includeSubdomains", "security.headers.hsts.include_subdomains",
			"security.headers.HSTS.Include-SubDomains", "security.headers.hsts.includesubdomains",
			"security.headers.hsts.rollout.stages", "security.headers.hsts.rollout.stages[0]",
			"security.headers.hsts.rollout.stages[12].max-age", "security.headers.hsts.rollout.stages[0].maxAge",
			"security.headers.hsts.rollout.stages.0.hold", "security.headers.trusted-hosts.allowed[3]",
			"security.headers.trustedhosts.allowed",
			"security.headers.content-security-policy.path-policies[1].paths[2]",
			"security.headers.https-redirect.enabled" })
	void knowsEveryRelaxedFormBootBinds(String key) {
		assertThat(this.known.isKnown(name(key))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "security.headers.hsts.rollout.stages[a].max-age",
			"security.headers.trusted-hosts.allowed[0].host", "security.headers.hsts.preload.value",
			"security.headers.trusted-hosts.enabled", "security.headers.hsts.rollout.stage[0]",
			"security.headers.hsts.max.age" })
	void refusesWhatBootDoesNotBind(String key) {
		assertThat(this.known.isKnown(name(key))).isFalse();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			// Misspelled: the key at the smallest edit distance, with the indexes
			// written.
			"security.headers.hsts.rolout.stage|security.headers.hsts.rollout.stage",
			"security.headers.hsts.include-subdomain|security.headers.hsts.include-subdomains",
			"security.headers.hsts.rollout.stages[2].max-agee|security.headers.hsts.rollout.stages[2].max-age",
			"security.headers.hsts.rollout.stages[2].maxagee|security.headers.hsts.rollout.stages[2].max-age",
			"security.headers.trusted-hosts.alowed[1]|security.headers.trusted-hosts.allowed[1]",
			"security.headers.hsts.excluded-paths|security.headers.hsts.excluded-hosts",
			// Under the wrong parent (a YAML indentation slip): the same last element.
			"security.headers.hsts.rollout.include-subdomains|security.headers.hsts.include-subdomains",
			"security.headers.max-age|security.headers.hsts.rollout.stages[0].max-age",
			"security.headers.hsts.stage|security.headers.hsts.rollout.stage" })
	void suggestsTheClosestKey(String unknown, String suggestion) {
		assertThat(this.known.closest(name(unknown))).contains(suggestion);
	}

	@ParameterizedTest
	@ValueSource(strings = { "security.headers.foo", "security.headers.trusted-hosts.enabled",
			"security.headers.strict-transport-security", "security.headers.exempt-paths" })
	void suggestsNothingWhenNoKeyIsClose(String unknown) {
		assertThat(this.known.closest(name(unknown))).isEmpty();
	}

	@Test
	void writesKnownKeysAsTheDocumentationDoes() {
		assertThat(this.known.canonical(name("security.headers.hsts.rollout.stages[1].maxAge")))
			.contains("security.headers.hsts.rollout.stages[1].max-age");
		assertThat(this.known.canonical(name("security.headers.trustedhosts.allowed[0]")))
			.contains("security.headers.trusted-hosts.allowed[0]");
		assertThat(this.known.canonical(name("security.headers.hsts.rolout"))).isEmpty();
	}

	@Test
	void knowsTheDefaultElementsOfItsLists() {
		assertThat(this.known.defaultElements(name("security.headers.hsts.rollout.stages"))).containsExactly(
				Map.of("max-age", "300s", "hold", "1d"), Map.of("max-age", "1d", "hold", "7d"),
				Map.of("max-age", "365d"));
		assertThat(this.known.defaultElements(name("security.headers.hsts.excluded-hosts")))
			.containsExactly("localhost", "*.localhost", "127.0.0.0/8", "::1");
		assertThat(this.known.defaultElements(name("security.headers.trusted-hosts.allowed"))).isEmpty();
		assertThat(this.known.isList(name("security.headers.content-security-policy.path-policies[0].paths"))).isTrue();
		assertThat(this.known.isList(name("security.headers.hsts.rollout"))).isFalse();
	}

	@Test
	void aMapTakesAnyKey() {
		KnownProperties withMaps = KnownProperties.of(name("test"), Map.of(name("test"), WithMaps.class));
		assertThat(withMaps.isKnown(name("test.labels.anything"))).isTrue();
		assertThat(withMaps.isKnown(name("test.labels[a.b]"))).isTrue();
		assertThat(withMaps.isKnown(name("test.labels.anything.deeper"))).isFalse();
		assertThat(withMaps.isKnown(name("test.stages-by-name.first.max-age"))).isTrue();
		assertThat(withMaps.isKnown(name("test.stages-by-name.first.max-agee"))).isFalse();
	}

	@Test
	void theListedKeysAreTheKeysOfThePropertiesClasses() throws IOException {
		String listed;
		try (InputStream stream = getClass().getClassLoader().getResourceAsStream(KnownProperties.RESOURCE)) {
			assertThat(stream).as(KnownProperties.RESOURCE).isNotNull();
			listed = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
		}
		KnownProperties bound = KnownProperties.boundBySecurityHeaders();
		String expected = RESOURCE_HEADER + bound.write();
		if (!listed.equals(expected)) {
			Path written = Path.of("target", "known-properties.txt");
			Files.writeString(written, expected);
			fail(KnownProperties.RESOURCE + " no longer lists the keys the properties classes bind. The list as "
					+ "it should be is in " + written.toAbsolutePath() + ": copy it to src/main/resources/"
					+ KnownProperties.RESOURCE + " of hsts-spring-boot-autoconfigure.");
		}
		assertThat(this.known.names()).isEqualTo(bound.names()).hasSizeGreaterThan(100);
		assertThat(this.known.write()).isEqualTo(bound.write());
		for (String list : List.of("security.headers.hsts.rollout.stages", "security.headers.trusted-hosts.allowed",
				"security.headers.content-security-policy.path-policies")) {
			assertThat(this.known.defaultElements(name(list))).as(list).isEqualTo(bound.defaultElements(name(list)));
		}
	}

	@Test
	void theKeysAreReadFromEveryPropertiesClassTheAutoConfigurationsBindUnderSecurityHeaders() {
		Set<Class<?>> bound = new LinkedHashSet<>();
		for (String name : ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())) {
			// The starter's own: Spring Boot's may name classes that are not on the
			// class path.
			if (name.startsWith(KnownPropertiesTest.class.getPackageName() + ".")) {
				collectBound(ClassUtils.resolveClassName(name, getClass().getClassLoader()), bound);
			}
		}
		bound.removeIf((type) -> !MergedAnnotations.from(type)
			.get(ConfigurationProperties.class)
			.getString("prefix")
			.startsWith("security.headers"));
		assertThat(bound).containsExactlyInAnyOrderElementsOf(KnownProperties.propertiesClasses());
	}

	private static void collectBound(Class<?> configuration, Set<Class<?>> bound) {
		MergedAnnotation<EnableConfigurationProperties> enable = MergedAnnotations.from(configuration)
			.get(EnableConfigurationProperties.class);
		if (enable.isPresent()) {
			bound.addAll(List.of(enable.getClassArray("value")));
		}
		for (Class<?> nested : configuration.getDeclaredClasses()) {
			collectBound(nested, bound);
		}
	}

	@Test
	void readsBackWhatItWritesWhateverTheDefaultValuesHold() {
		KnownProperties written = KnownProperties.of(name("test"), Map.of(name("test"), WithDefaults.class));
		KnownProperties read = KnownProperties.read(name("test"), written.write());
		assertThat(read.write()).isEqualTo(written.write());
		assertThat(read.names()).isEqualTo(written.names())
			.contains("test.values[*]", "test.stages[*].max-age", "test.labels.*");
		assertThat(read.defaultElements(name("test.values"))).containsExactly("plain", "a\tb", "line\nbreak",
				"back\\slash\\t", "{brace}", "", "=sign", "# hash", "carriage\r");
		assertThat(read.defaultElements(name("test.stages")))
			.containsExactly(Map.of("max-age", "300s", "hold", "1d"), Map.of())
			.isEqualTo(written.defaultElements(name("test.stages")));
		assertThat(read.isListOfValues(name("test.values"))).isTrue();
		assertThat(read.isKnown(name("test.labels.anything"))).isTrue();
		assertThat(read.isKnown(name("test.stages[3].hold"))).isTrue();
		assertThat(read.canonical(name("test.stages[0].maxAge"))).contains("test.stages[0].max-age");
		assertThat(KnownProperties.read(name("test"), written.write().replace("\n", "\r\n")).write())
			.as("with CR LF line ends")
			.isEqualTo(written.write());
	}

	@ParameterizedTest
	@CsvSource({ "'',abc,3", "abc,abc,0", "rolout,rollout,1", "stage,stages,1", "kitten,sitting,3", "abc,'',3" })
	void editDistance(String a, String b, int distance) {
		assertThat(KnownProperties.editDistance(a, b)).isEqualTo(distance);
		assertThat(KnownProperties.editDistance(b, a)).isEqualTo(distance);
	}

	private static ConfigurationPropertyName name(String name) {
		// As Boot reads a key of a properties or YAML file.
		return ConfigurationPropertyName.adapt(name, '.');
	}

	/**
	 * Properties with maps, which the starter's own classes do not have yet (not
	 * annotated, so that the configuration processor leaves the test classes alone).
	 */
	static class WithMaps {

		private Map<String, String> labels = new HashMap<>();

		private Map<String, SecurityHeadersProperties.Stage> stagesByName = new HashMap<>();

		public Map<String, String> getLabels() {
			return this.labels;
		}

		public void setLabels(Map<String, String> labels) {
			this.labels = labels;
		}

		public Map<String, SecurityHeadersProperties.Stage> getStagesByName() {
			return this.stagesByName;
		}

		public void setStagesByName(Map<String, SecurityHeadersProperties.Stage> stagesByName) {
			this.stagesByName = stagesByName;
		}

	}

	/**
	 * Properties whose default list elements hold what the written list must escape (not
	 * annotated, as {@link WithMaps}).
	 */
	static class WithDefaults {

		private List<String> values = new ArrayList<>(List.of("plain", "a\tb", "line\nbreak", "back\\slash\\t",
				"{brace}", "", "=sign", "# hash", "carriage\r"));

		private List<SecurityHeadersProperties.Stage> stages = new ArrayList<>(
				List.of(stage(Duration.ofSeconds(300)), new SecurityHeadersProperties.Stage()));

		private static SecurityHeadersProperties.Stage stage(Duration maxAge) {
			SecurityHeadersProperties.Stage stage = new SecurityHeadersProperties.Stage();
			stage.setMaxAge(maxAge);
			stage.setHold(Duration.ofDays(1));
			return stage;
		}

		private Map<String, String> labels = new HashMap<>();

		public List<String> getValues() {
			return this.values;
		}

		public void setValues(List<String> values) {
			this.values = values;
		}

		public List<SecurityHeadersProperties.Stage> getStages() {
			return this.stages;
		}

		public void setStages(List<SecurityHeadersProperties.Stage> stages) {
			this.stages = stages;
		}

		public Map<String, String> getLabels() {
			return this.labels;
		}

		public void setLabels(Map<String, String> labels) {
			this.labels = labels;
		}

	}

	/** A key as Boot compares it: without the dashes. */
	private static String uniform(String key) {
		return key.replace("-", "");
	}

}
