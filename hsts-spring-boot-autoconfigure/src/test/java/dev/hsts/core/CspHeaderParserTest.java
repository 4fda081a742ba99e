package dev.hsts.core;

import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSP parser against the rules of W3C Content Security Policy Level 3; each row names
 * the section it comes from.
 */
class CspHeaderParserTest {

	private static final List<SourceRow> SOURCES = List.of(
			source("2.3.1 keyword-source", "'self'", CspSource.Kind.KEYWORD),
			source("2.3.1 keyword-source (ABNF strings are case-insensitive)", "'SELF'", CspSource.Kind.KEYWORD),
			source("2.3.1 serialized-source-list 'none'", "'none'", CspSource.Kind.KEYWORD),
			source("2.3.1 keyword-source", "'unsafe-inline'", CspSource.Kind.KEYWORD),
			source("2.3.1 keyword-source", "'strict-dynamic'", CspSource.Kind.KEYWORD),
			source("2.3.1 keyword-source", "'wasm-unsafe-eval'", CspSource.Kind.KEYWORD),
			source("2.3.1 nonce-source", "'nonce-r4nd0m+/_-=='", CspSource.Kind.NONCE),
			source("2.3.1 nonce-source (case-insensitive prefix)", "'NONCE-abc'", CspSource.Kind.NONCE),
			source("2.3.1 base64-value needs one character", "'nonce-'", CspSource.Kind.INVALID),
			source("2.3.1 base64-value: '=' only at the end", "'nonce-a=b'", CspSource.Kind.INVALID),
			source("2.3.1 base64-value: at most two '='", "'nonce-a==='", CspSource.Kind.INVALID),
			source("2.3.1 hash-source sha256", "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
					CspSource.Kind.HASH),
			source("2.3.1 hash-source sha384", "'sha384-abc'", CspSource.Kind.HASH),
			source("2.3.1 hash-source sha512", "'sha512-abc'", CspSource.Kind.HASH),
			source("2.3.1 hash-algorithm: sha1 is not one", "'sha1-abc'", CspSource.Kind.INVALID),
			source("2.3.1 scheme-source", "https:", CspSource.Kind.SCHEME),
			source("2.3.1 scheme-source", "data:", CspSource.Kind.SCHEME),
			source("2.3.1 scheme-source", "blob:", CspSource.Kind.SCHEME),
			source("2.3.1 host-source wildcard", "*", CspSource.Kind.HOST),
			source("2.3.1 host-source", "*.example.com", CspSource.Kind.HOST),
			source("2.3.1 host-source with scheme, port, path", "https://cdn.example.com:443/js/", CspSource.Kind.HOST),
			source("2.3.1 host-source any port", "example.com:*", CspSource.Kind.HOST),
			source("2.3.1 unquoted self is a host named self, not the keyword", "self", CspSource.Kind.HOST),
			source("2.3.1 a keyword missing its closing quote matches nothing", "'self", CspSource.Kind.INVALID),
			source("2.3.1 an unknown quoted keyword", "'unsafe-dynamic'", CspSource.Kind.INVALID),
			source("2.3.1 host-char excludes '_'", "my_host.example", CspSource.Kind.INVALID),
			source("2.3.1 port-part is digits or *", "example.com:8o", CspSource.Kind.INVALID),
			source("2.3.1 a wildcard only as the first label", "cdn.*.example.com", CspSource.Kind.INVALID));

	@Test
	void sourceExpressionsAreClassifiedByTheGrammar() {
		SoftAssertions softly = new SoftAssertions();
		for (SourceRow row : SOURCES) {
			CspDirective directive = CspHeaderParser.parse("img-src " + row.text())
				.policies()
				.get(0)
				.directive("img-src")
				.orElseThrow();
			softly.assertThat(directive.sources().get(0).kind())
				.as("CSP3 %s: %s", row.section(), row.text())
				.isEqualTo(row.kind());
			softly.assertThat(directive.sources().get(0).isIgnored())
				.as("ignored, CSP3 %s: %s", row.section(), row.text())
				.isEqualTo(row.kind() == CspSource.Kind.INVALID);
		}
		softly.assertAll();
	}

	@Test
	void parseASerializedCsp() {
		// CSP3 2.2.1: names are lower-cased, the first of a duplicate wins, empty tokens
		// skipped
		CspPolicyReading policy = single(";; Script-Src 'self' ; SCRIPT-SRC 'none';  ;img-src https:");
		assertThat(policy.directives()).extracting(CspDirective::name).containsExactly("script-src", "img-src");
		assertThat(policy.directive("SCRIPT-src").orElseThrow().value()).containsExactly("'self'");
		assertThat(policy.notes())
			.containsExactly("duplicate directive script-src ignored: the first one applies (CSP3 2.2.1)");
		// CSP3 2.2.1 step 3.2: a token that is not ASCII is skipped
		CspPolicyReading nonAscii = single("default-src 'self'; img-src bücher.example");
		assertThat(nonAscii.directive("img-src")).isEmpty();
		assertThat(nonAscii.notes()).singleElement().asString().startsWith("a directive with a non-ASCII character");
		// unknown and removed names have no effect
		CspPolicyReading unknown = single("default-src 'self'; foo-src x; plugin-types application/pdf");
		assertThat(unknown.directive("foo-src").orElseThrow().known()).isFalse();
		assertThat(unknown.notes()).containsExactly(
				"unrecognized directive foo-src ignored (browsers warn: Unrecognized Content-Security-Policy directive)",
				"directive plugin-types was removed from CSP: browsers ignore it");
		assertThat(single("sandbox allow-scripts").directive("sandbox").orElseThrow().isSourceList()).isFalse();
		// CSP3 5.5: with report-to, report-uri is not used
		assertThat(single("default-src 'self'; report-uri /csp; report-to csp").notes()).singleElement()
			.asString()
			.startsWith("report-uri is ignored where report-to is present");
	}

	@Test
	void parseAResponsesPolicies() {
		// CSP3 2.2.2: each comma-separated part of each field is a policy; empty ones
		// dropped
		ParsedCspHeader header = CspHeaderParser
			.parse(List.of("default-src 'self', script-src 'none'", "img-src *", ""));
		assertThat(header.policies()).extracting(CspPolicyReading::text)
			.containsExactly("default-src 'self'", "script-src 'none'", "img-src *");
		ParsedCspHeader trailingComma = CspHeaderParser.parse("default-src 'self', ");
		assertThat(trailingComma.policies()).hasSize(1);
		assertThat(trailingComma.notes()).containsExactly("a policy with no directive is dropped: \"\" (CSP3 2.2.2)");
		assertThat(CspHeaderParser.parse((String) null).isEmpty()).isTrue();
	}

	@Test
	void whatTheBrowserIgnoresAndWhy() {
		// CSP3 6.7.3.3: a nonce or a hash cancels 'unsafe-inline'
		CspDirective nonce = directive("script-src 'unsafe-inline' 'nonce-abc'", "script-src");
		assertThat(nonce.usesNonce()).isTrue();
		assertThat(nonce.allowsUnsafeInline()).isFalse();
		assertThat(nonce.notes()).containsExactly(
				"'unsafe-inline': 'unsafe-inline' is ignored: the list has a nonce or a hash (CSP3 6.7.3.3)");
		CspDirective hash = directive("style-src 'unsafe-inline' 'sha256-abc='", "style-src");
		assertThat(hash.usesHash()).isTrue();
		assertThat(hash.allowsUnsafeInline()).isFalse();
		assertThat(directive("script-src 'self' 'unsafe-inline'", "script-src").allowsUnsafeInline()).isTrue();
		// CSP3 8.2: 'strict-dynamic' drops hosts, schemes, 'self' and 'unsafe-inline' for
		// scripts
		CspDirective strict = directive(
				"script-src 'strict-dynamic' 'nonce-abc' https: cdn.example 'self' " + "'unsafe-inline'", "script-src");
		assertThat(strict.effectiveSources()).extracting(CspSource::text)
			.containsExactly("'strict-dynamic'", "'nonce-abc'");
		assertThat(strict.allows("strict-dynamic")).isTrue();
		assertThat(strict.allows("'self'")).isFalse();
		assertThat(directive("style-src 'strict-dynamic' 'self'", "style-src").notes())
			.containsExactly("'strict-dynamic' applies to scripts only: it has no effect in style-src (CSP3 6.7.3.3)");
		// CSP3 2.3.1: 'none' with other expressions has no effect
		CspDirective none = directive("script-src 'none' 'self'", "script-src");
		assertThat(none.blocksAll()).isFalse();
		assertThat(none.sources().get(0).isIgnored()).isTrue();
		assertThat(directive("script-src 'none'", "script-src").blocksAll()).isTrue();
		assertThat(directive("img-src", "img-src").blocksAll()).isTrue();
		// an invalid expression is dropped, the rest stays
		CspDirective invalid = directive("img-src 'self 'self'", "img-src");
		assertThat(invalid.effectiveSources()).extracting(CspSource::text).containsExactly("'self'");
		// CSP3 6.4.2: frame-ancestors takes ancestor sources only
		CspDirective ancestors = directive("frame-ancestors 'self' 'unsafe-inline' https://a.example",
				"frame-ancestors");
		assertThat(ancestors.effectiveSources()).extracting(CspSource::text)
			.containsExactly("'self'", "https://a.example");
	}

	@Test
	void effectiveDirectiveFallsBackAsTheSpecSays() {
		// CSP3 6.8.3 directive fallback list
		assertThat(CspHeaderParser.fallbackList("script-src-elem")).containsExactly("script-src-elem", "script-src",
				"default-src");
		assertThat(CspHeaderParser.fallbackList("Worker-Src")).containsExactly("worker-src", "child-src", "script-src",
				"default-src");
		assertThat(CspHeaderParser.fallbackList("frame-src")).containsExactly("frame-src", "child-src", "default-src");
		assertThat(CspHeaderParser.fallbackList("base-uri")).containsExactly("base-uri");
		CspPolicyReading policy = single("default-src 'self'; script-src 'nonce-abc'; child-src 'none'");
		assertThat(policy.effectiveDirective("script-src-elem")).get()
			.extracting(CspDirective::name)
			.isEqualTo("script-src");
		assertThat(policy.effectiveDirective("img-src")).get().extracting(CspDirective::name).isEqualTo("default-src");
		assertThat(policy.effectiveDirective("frame-src")).get().extracting(CspDirective::name).isEqualTo("child-src");
		assertThat(policy.effectiveDirective("base-uri")).isEmpty();
		assertThat(policy.effectiveDirective("script-src-elem").orElseThrow().usesNonce()).isTrue();
	}

	@Test
	void anyInputGetsPoliciesNeverAnException() {
		java.util.Random random = new java.util.Random(24);
		String alphabet = "script-src 'self''nonce-sha256=;,\"\\*:/.\t\u00e9default-src'none'";
		for (int i = 0; i < 5000; i++) {
			StringBuilder value = new StringBuilder();
			int length = random.nextInt(60);
			for (int j = 0; j < length; j++) {
				value.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			ParsedCspHeader header = CspHeaderParser.parse(value.toString());
			for (CspPolicyReading policy : header.policies()) {
				assertThat(policy.directives()).isNotEmpty();
				policy.effectiveDirective("script-src-elem").ifPresent(CspDirective::allowsUnsafeInline);
			}
			assertThat(header.allNotes()).isNotNull();
		}
	}

	private static CspPolicyReading single(String value) {
		ParsedCspHeader header = CspHeaderParser.parse(value);
		assertThat(header.policies()).hasSize(1);
		return header.policies().get(0);
	}

	private static CspDirective directive(String value, String name) {
		return single(value).directive(name).orElseThrow();
	}

	private static SourceRow source(String section, String text, CspSource.Kind kind) {
		return new SourceRow(section, text, kind);
	}

	private record SourceRow(String section, String text, CspSource.Kind kind) {
	}

}
