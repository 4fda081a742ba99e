package dev.hsts.core;

import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HSTS parser against the browsers' own parser tests, ported by hand. Each row names
 * its source; the other engine's column is what that engine's code does with the same
 * value (Chromium: net/http/http_security_headers.cc ParseHSTSHeader over
 * HttpUtil::NameValuePairsIterator; Firefox: nsSecurityHeaderParser.cpp and
 * nsSiteSecurityService.cpp ParseSSSHeaders/ProcessSTSHeader). A column is the max-age
 * the engine keeps (after its cap), {@code ; includeSubDomains}, or
 * {@code ignored: <reason>}.
 */
class HstsHeaderParserTest {

	/**
	 * chromium/chromium net/http/http_security_headers_unittest.cc,
	 * TEST_F(HttpSecurityHeadersTest, ...).
	 */
	private static final String CHROMIUM_TEST = "http_security_headers_unittest.cc ";

	/** mozilla/gecko-dev security/manager/ssl/tests/unit/test_sts_parser.js. */
	private static final String FIREFOX_TEST = "test_sts_parser.js ";

	/** Cases of this project, each with the rule it shows. */
	private static final String HERE = "rule: ";

	private static final List<Row> PORTED = List.of(
			row(CHROMIUM_TEST + "LeadingTrailingSemicolons", "max-age=123", "123", "123"),
			row(CHROMIUM_TEST + "LeadingTrailingSemicolons", ";max-age=123", "123", "123"),
			row(CHROMIUM_TEST + "LeadingTrailingSemicolons", ";;max-age=123", "123", "123"),
			row(CHROMIUM_TEST + "LeadingTrailingSemicolons", ";;;;max-age=123", "123", "123"),
			row(CHROMIUM_TEST + "LeadingTrailingSemicolons", "; ;max-age=123", "123", "123"),
			row(CHROMIUM_TEST + "LeadingTrailingSemicolons", "; ; max-age=123", "123", "123"),
			row(CHROMIUM_TEST + "LeadingTrailingSemicolons", ";max-age=123;", "123", "123"),
			row(CHROMIUM_TEST + "LeadingTrailingSemicolons", ";;max-age=123;;", "123", "123"),
			row(CHROMIUM_TEST + "LeadingTrailingSemicolons", ";;;;max-age=123;;;;", "123", "123"),
			row(CHROMIUM_TEST + "LeadingTrailingSemicolons", "; ;max-age=123; ;", "123", "123"),
			row(CHROMIUM_TEST + "LeadingTrailingSemicolons", "; ; max-age=123; ; ", "123", "123"),
			row(CHROMIUM_TEST + "LeadingTrailingSemicolons", "max-age=123;", "123", "123"),
			row(CHROMIUM_TEST + "LeadingTrailingSemicolons", "max-age=123;;", "123", "123"),
			row(CHROMIUM_TEST + "LeadingTrailingSemicolons", "max-age=123;;;;", "123", "123"),
			row(CHROMIUM_TEST + "LeadingTrailingSemicolons", "max-age=123; ;", "123", "123"),
			row(CHROMIUM_TEST + "LeadingTrailingSemicolons", "max-age=123; ; ", "123", "123"),
			row(CHROMIUM_TEST + "InvalidDirectiveNames", "'max-age'=1", "ignored: max-age is missing",
					"ignored: max-age is missing"),
			row(CHROMIUM_TEST + "InvalidDirectiveNames", "\"max-age\"=1",
					"ignored: a quote before '=' in \"\"max-age\"=1\"",
					"ignored: the header does not parse at \"\"max-age\"=1\""),
			row(CHROMIUM_TEST + "InvalidDirectiveNames", "max-age=1; max-age=2", "ignored: max-age appears twice",
					"ignored: max-age appears twice"),
			row(CHROMIUM_TEST + "InvalidDirectiveNames", "max-age=1; MaX-AgE=2", "ignored: max-age appears twice",
					"ignored: max-age appears twice"),
			row(CHROMIUM_TEST + "InvalidDirectiveNames", "max-age=1; includeSubDomains; iNcLUdEsUbDoMaInS",
					"ignored: includeSubDomains appears twice", "ignored: includeSubDomains appears twice"),
			row(CHROMIUM_TEST + "InvalidDirectiveNames", "max-age=1; \"",
					"ignored: a directive name is not a token: \"\"\"", "ignored: the header does not parse at \"\"\""),
			row(CHROMIUM_TEST + "InvalidDirectiveNames", "max-age=1; \"includeSubdomains",
					"ignored: a directive name is not a token: \"\"includeSubdomains\"",
					"ignored: the header does not parse at \"\"includeSubdomains\""),
			row(CHROMIUM_TEST + "InvalidDirectiveNames", "max-age=1; in\"cludeSubdomains",
					"ignored: a directive name is not a token: \"in\"cludeSubdomains\"",
					"ignored: the header does not parse at \"\"cludeSubdomains\""),
			row(CHROMIUM_TEST + "InvalidDirectiveNames", "max-age=1; includeSubdomains\"",
					"ignored: a directive name is not a token: \"includeSubdomains\"\"",
					"ignored: the header does not parse at \"\"\""),
			row(CHROMIUM_TEST + "InvalidDirectiveNames", "max-age=1; \"includeSubdomains\"",
					"ignored: a directive name is not a token: \"\"includeSubdomains\"\"",
					"ignored: the header does not parse at \"\"includeSubdomains\"\""),
			row(CHROMIUM_TEST + "InvalidDirectiveNames", "max-age=1; includeSubdomains; non\"token",
					"ignored: a directive name is not a token: \"non\"token\"",
					"ignored: the header does not parse at \"\"token\""),
			row(CHROMIUM_TEST + "InvalidDirectiveNames", "max-age=1; includeSubdomains; non@token",
					"ignored: a directive name is not a token: \"non@token\"",
					"ignored: the header does not parse at \"@token\""),
			row(CHROMIUM_TEST + "InvalidDirectiveNames", "max-age=1; includeSubdomains; non,token",
					"ignored: a directive name is not a token: \"non,token\"",
					"ignored: the header does not parse at \",token\""),
			row(CHROMIUM_TEST + "InvalidDirectiveNames", "max-age=1; =2", "ignored: a directive has no name: \"=2\"",
					"1"),
			row(CHROMIUM_TEST + "InvalidDirectiveNames", "max-age=1; =2; unknownDirective",
					"ignored: a directive has no name: \"=2\"", "1"),
			row(CHROMIUM_TEST + "InvalidDirectiveValues", "max-age=", "ignored: max-age has no value",
					"ignored: max-age has no value"),
			row(CHROMIUM_TEST + "InvalidDirectiveValues", "max-age=@",
					"ignored: max-age is not a whole number of seconds: \"@\"",
					"ignored: the header does not parse at \"@\""),
			row(CHROMIUM_TEST + "InvalidDirectiveValues", "max-age=1a;",
					"ignored: max-age is not a whole number of seconds: \"1a\"",
					"ignored: max-age is not a whole number of seconds: \"1a\""),
			row(CHROMIUM_TEST + "InvalidDirectiveValues", "max-age=1a2;",
					"ignored: max-age is not a whole number of seconds: \"1a2\"",
					"ignored: max-age is not a whole number of seconds: \"1a2\""),
			row(CHROMIUM_TEST + "InvalidDirectiveValues", "max-age=1##;",
					"ignored: max-age is not a whole number of seconds: \"1##\"",
					"ignored: max-age is not a whole number of seconds: \"1##\""),
			row(CHROMIUM_TEST + "InvalidDirectiveValues", "max-age=12\";",
					"ignored: max-age is not a whole number of seconds: \"12\";\"",
					"ignored: the header does not parse at \"\";\""),
			row(CHROMIUM_TEST + "InvalidDirectiveValues", "max-age=-1;",
					"ignored: max-age is not a whole number of seconds: \"-1\"",
					"ignored: max-age is not a whole number of seconds: \"-1\""),
			row(CHROMIUM_TEST + "InvalidDirectiveValues", "max-age=+1;",
					"ignored: max-age is not a whole number of seconds: \"+1\"",
					"ignored: max-age is not a whole number of seconds: \"+1\""),
			row(CHROMIUM_TEST + "InvalidDirectiveValues", "max-age='1';",
					"ignored: max-age is not a whole number of seconds: \"'1'\"",
					"ignored: max-age is not a whole number of seconds: \"'1'\""),
			row(CHROMIUM_TEST + "InvalidDirectiveValues", "max-age=1abc;",
					"ignored: max-age is not a whole number of seconds: \"1abc\"",
					"ignored: max-age is not a whole number of seconds: \"1abc\""),
			row(CHROMIUM_TEST + "InvalidDirectiveValues", "max-age=1 abc;",
					"ignored: max-age is not a whole number of seconds: \"1 abc\"",
					"ignored: the header does not parse at \"abc;\""),
			row(CHROMIUM_TEST + "InvalidDirectiveValues", "max-age=1.5;",
					"ignored: max-age is not a whole number of seconds: \"1.5\"",
					"ignored: max-age is not a whole number of seconds: \"1.5\""),
			row(CHROMIUM_TEST + "InvalidDirectiveValues", "max-age=1; includeSubDomains=true",
					"ignored: includeSubDomains must not have a value",
					"ignored: includeSubDomains must not have a value"),
			row(CHROMIUM_TEST + "InvalidDirectiveValues", "max-age=1; includeSubDomains=false",
					"ignored: includeSubDomains must not have a value",
					"ignored: includeSubDomains must not have a value"),
			row(CHROMIUM_TEST + "InvalidDirectiveValues", "max-age=1; includeSubDomains=\"\"",
					"ignored: includeSubDomains must not have a value",
					"ignored: includeSubDomains must not have a value"),
			row(CHROMIUM_TEST + "InvalidDirectiveValues", "max-age=1; includeSubDomains=''",
					"ignored: includeSubDomains must not have a value",
					"ignored: includeSubDomains must not have a value"),
			row(CHROMIUM_TEST + "InvalidDirectiveValues", "max-age=1; includeSubDomains=\"true\"",
					"ignored: includeSubDomains must not have a value",
					"ignored: includeSubDomains must not have a value"),
			row(CHROMIUM_TEST + "InvalidDirectiveValues", "max-age=1; includeSubDomains=\"false\"",
					"ignored: includeSubDomains must not have a value",
					"ignored: includeSubDomains must not have a value"),
			row(CHROMIUM_TEST + "InvalidDirectiveValues", "max-age=1; unknownDirective=non\"token",
					"ignored: the value of unknownDirective is not a token or quoted string: \"non\"token\"",
					"ignored: the header does not parse at \"\"token\""),
			row(CHROMIUM_TEST + "InvalidDirectiveValues", "max-age=1; unknownDirective=non@token",
					"ignored: the value of unknownDirective is not a token or quoted string: \"non@token\"",
					"ignored: the header does not parse at \"@token\""),
			row(CHROMIUM_TEST + "InvalidDirectiveValues", "max-age=1; unknownDirective=non,token",
					"ignored: the value of unknownDirective is not a token or quoted string: \"non,token\"",
					"ignored: the header does not parse at \",token\""),
			row(CHROMIUM_TEST + "InvalidDirectiveValues", "max-age=1; unknownDirective=",
					"ignored: unknownDirective has an empty value", "1"),
			row(CHROMIUM_TEST + "BogusHeaders", "", "ignored: max-age is missing", "ignored: max-age is missing"),
			row(CHROMIUM_TEST + "BogusHeaders", "    ", "ignored: max-age is missing", "ignored: max-age is missing"),
			row(CHROMIUM_TEST + "BogusHeaders", "abc", "ignored: max-age is missing", "ignored: max-age is missing"),
			row(CHROMIUM_TEST + "BogusHeaders", "  abc", "ignored: max-age is missing", "ignored: max-age is missing"),
			row(CHROMIUM_TEST + "BogusHeaders", "  abc   ", "ignored: max-age is missing",
					"ignored: max-age is missing"),
			row(CHROMIUM_TEST + "BogusHeaders", "max-age", "ignored: max-age has no value",
					"ignored: max-age has no value"),
			row(CHROMIUM_TEST + "BogusHeaders", "  max-age", "ignored: max-age has no value",
					"ignored: max-age has no value"),
			row(CHROMIUM_TEST + "BogusHeaders", "  max-age  ", "ignored: max-age has no value",
					"ignored: max-age has no value"),
			row(CHROMIUM_TEST + "BogusHeaders", "max-age=", "ignored: max-age has no value",
					"ignored: max-age has no value"),
			row(CHROMIUM_TEST + "BogusHeaders", "   max-age=", "ignored: max-age has no value",
					"ignored: max-age has no value"),
			row(CHROMIUM_TEST + "BogusHeaders", "   max-age  =", "ignored: max-age has no value",
					"ignored: max-age has no value"),
			row(CHROMIUM_TEST + "BogusHeaders", "   max-age=   ", "ignored: max-age has no value",
					"ignored: max-age has no value"),
			row(CHROMIUM_TEST + "BogusHeaders", "   max-age  =     ", "ignored: max-age has no value",
					"ignored: max-age has no value"),
			row(CHROMIUM_TEST + "BogusHeaders", "   max-age  =     xy",
					"ignored: max-age is not a whole number of seconds: \"xy\"",
					"ignored: max-age is not a whole number of seconds: \"xy\""),
			row(CHROMIUM_TEST + "BogusHeaders", "   max-age  =     3488a923",
					"ignored: max-age is not a whole number of seconds: \"3488a923\"",
					"ignored: max-age is not a whole number of seconds: \"3488a923\""),
			row(CHROMIUM_TEST + "BogusHeaders", "max-age=3488a923  ",
					"ignored: max-age is not a whole number of seconds: \"3488a923\"",
					"ignored: max-age is not a whole number of seconds: \"3488a923\""),
			row(CHROMIUM_TEST + "BogusHeaders", "max-ag=3488923", "ignored: max-age is missing",
					"ignored: max-age is missing"),
			row(CHROMIUM_TEST + "BogusHeaders", "max-aged=3488923", "ignored: max-age is missing",
					"ignored: max-age is missing"),
			row(CHROMIUM_TEST + "BogusHeaders", "max-age==3488923",
					"ignored: max-age is not a whole number of seconds: \"=3488923\"",
					"ignored: the header does not parse at \"=3488923\""),
			row(CHROMIUM_TEST + "BogusHeaders", "amax-age=3488923", "ignored: max-age is missing",
					"ignored: max-age is missing"),
			row(CHROMIUM_TEST + "BogusHeaders", "max-age=-3488923",
					"ignored: max-age is not a whole number of seconds: \"-3488923\"",
					"ignored: max-age is not a whole number of seconds: \"-3488923\""),
			row(CHROMIUM_TEST + "BogusHeaders", "max-age=+3488923",
					"ignored: max-age is not a whole number of seconds: \"+3488923\"",
					"ignored: max-age is not a whole number of seconds: \"+3488923\""),
			row(CHROMIUM_TEST + "BogusHeaders", "max-age=13####",
					"ignored: max-age is not a whole number of seconds: \"13####\"",
					"ignored: max-age is not a whole number of seconds: \"13####\""),
			row(CHROMIUM_TEST + "BogusHeaders", "max-age=9223372036854775807#####",
					"ignored: max-age is not a whole number of seconds: \"9223372036854775807#####\"",
					"ignored: max-age is not a whole number of seconds: \"9223372036854775807#####\""),
			row(CHROMIUM_TEST + "BogusHeaders", "max-age=18446744073709551615####",
					"ignored: max-age is not a whole number of seconds: \"18446744073709551615####\"",
					"ignored: max-age is not a whole number of seconds: \"18446744073709551615####\""),
			row(CHROMIUM_TEST + "BogusHeaders", "max-age=999999999999999999999999$.&#!",
					"ignored: max-age is not a whole number of seconds: \"999999999999999999999999$.&#!\"",
					"ignored: max-age is not a whole number of seconds: \"999999999999999999999999$.&#!\""),
			row(CHROMIUM_TEST + "BogusHeaders", "max-age=3488923     e",
					"ignored: max-age is not a whole number of seconds: \"3488923     e\"",
					"ignored: the header does not parse at \"e\""),
			row(CHROMIUM_TEST + "BogusHeaders", "max-age=3488923     includesubdomain",
					"ignored: max-age is not a whole number of seconds: \"3488923     includesubdomain\"",
					"ignored: the header does not parse at \"includesubdomain\""),
			row(CHROMIUM_TEST + "BogusHeaders", "max-age=3488923includesubdomains",
					"ignored: max-age is not a whole number of seconds: \"3488923includesubdomains\"",
					"ignored: max-age is not a whole number of seconds: \"3488923includesubdomains\""),
			row(CHROMIUM_TEST + "BogusHeaders", "max-age=3488923=includesubdomains",
					"ignored: max-age is not a whole number of seconds: \"3488923=includesubdomains\"",
					"ignored: the header does not parse at \"=includesubdomains\""),
			row(CHROMIUM_TEST + "BogusHeaders", "max-age=3488923 includesubdomainx",
					"ignored: max-age is not a whole number of seconds: \"3488923 includesubdomainx\"",
					"ignored: the header does not parse at \"includesubdomainx\""),
			row(CHROMIUM_TEST + "BogusHeaders", "max-age=3488923 includesubdomain=",
					"ignored: max-age is not a whole number of seconds: \"3488923 includesubdomain=\"",
					"ignored: the header does not parse at \"includesubdomain=\""),
			row(CHROMIUM_TEST + "BogusHeaders", "max-age=3488923 includesubdomain=true",
					"ignored: max-age is not a whole number of seconds: \"3488923 includesubdomain=true\"",
					"ignored: the header does not parse at \"includesubdomain=true\""),
			row(CHROMIUM_TEST + "BogusHeaders", "max-age=3488923 includesubdomainsx",
					"ignored: max-age is not a whole number of seconds: \"3488923 includesubdomainsx\"",
					"ignored: the header does not parse at \"includesubdomainsx\""),
			row(CHROMIUM_TEST + "BogusHeaders", "max-age=3488923 includesubdomains x",
					"ignored: max-age is not a whole number of seconds: \"3488923 includesubdomains x\"",
					"ignored: the header does not parse at \"includesubdomains x\""),
			row(CHROMIUM_TEST + "BogusHeaders", "max-age=34889.23 includesubdomains",
					"ignored: max-age is not a whole number of seconds: \"34889.23 includesubdomains\"",
					"ignored: the header does not parse at \"includesubdomains\""),
			row(CHROMIUM_TEST + "BogusHeaders", "max-age=34889 includesubdomains",
					"ignored: max-age is not a whole number of seconds: \"34889 includesubdomains\"",
					"ignored: the header does not parse at \"includesubdomains\""),
			row(CHROMIUM_TEST + "BogusHeaders", ";;;; ;;;", "ignored: max-age is missing",
					"ignored: max-age is missing"),
			row(CHROMIUM_TEST + "BogusHeaders", ";;;; includeSubDomains;;;", "ignored: max-age is missing",
					"ignored: max-age is missing"),
			row(CHROMIUM_TEST + "BogusHeaders", "   includeSubDomains;  ", "ignored: max-age is missing",
					"ignored: max-age is missing"),
			row(CHROMIUM_TEST + "BogusHeaders", ";", "ignored: max-age is missing", "ignored: max-age is missing"),
			row(CHROMIUM_TEST + "BogusHeaders", "max-age; ;", "ignored: max-age has no value",
					"ignored: max-age has no value"),
			row(CHROMIUM_TEST + "ValidSTSHeaders", "max-age=243", "243", "243"),
			row(CHROMIUM_TEST + "ValidSTSHeaders", "max-age=3488923;", "3488923", "3488923"),
			row(CHROMIUM_TEST + "ValidSTSHeaders", "  Max-agE    = 567", "567", "567"),
			row(CHROMIUM_TEST + "ValidSTSHeaders", "  mAx-aGe    = 890      ", "890", "890"),
			row(CHROMIUM_TEST + "ValidSTSHeaders", "max-age=123;incLudesUbdOmains", "123; includeSubDomains",
					"123; includeSubDomains"),
			row(CHROMIUM_TEST + "ValidSTSHeaders", "incLudesUbdOmains; max-age=123", "123; includeSubDomains",
					"123; includeSubDomains"),
			row(CHROMIUM_TEST + "ValidSTSHeaders", "   incLudesUbdOmains; max-age=123", "123; includeSubDomains",
					"123; includeSubDomains"),
			row(CHROMIUM_TEST + "ValidSTSHeaders", "   incLudesUbdOmains; max-age=123; pumpkin=kitten",
					"123; includeSubDomains", "123; includeSubDomains"),
			row(CHROMIUM_TEST + "ValidSTSHeaders", "   pumpkin=894; incLudesUbdOmains; max-age=123  ",
					"123; includeSubDomains", "123; includeSubDomains"),
			row(CHROMIUM_TEST + "ValidSTSHeaders", "   pumpkin; incLudesUbdOmains; max-age=123  ",
					"123; includeSubDomains", "123; includeSubDomains"),
			row(CHROMIUM_TEST + "ValidSTSHeaders", "   pumpkin; incLudesUbdOmains; max-age=\"123\"  ",
					"123; includeSubDomains", "123; includeSubDomains"),
			row(CHROMIUM_TEST + "ValidSTSHeaders", "animal=\"squirrel; distinguished\"; incLudesUbdOmains; max-age=123",
					"123; includeSubDomains", "123; includeSubDomains"),
			row(CHROMIUM_TEST + "ValidSTSHeaders", "max-age=394082;  incLudesUbdOmains", "394082; includeSubDomains",
					"394082; includeSubDomains"),
			row(CHROMIUM_TEST + "ValidSTSHeaders", "max-age=39408299  ;incLudesUbdOmains",
					"31536000; includeSubDomains", "39408299; includeSubDomains"),
			row(CHROMIUM_TEST + "ValidSTSHeaders", "max-age=394082038  ; incLudesUbdOmains",
					"31536000; includeSubDomains", "394082038; includeSubDomains"),
			row(CHROMIUM_TEST + "ValidSTSHeaders", "max-age=394082038  ; incLudesUbdOmains;",
					"31536000; includeSubDomains", "394082038; includeSubDomains"),
			row(CHROMIUM_TEST + "ValidSTSHeaders", ";; max-age=394082038  ; incLudesUbdOmains; ;",
					"31536000; includeSubDomains", "394082038; includeSubDomains"),
			row(CHROMIUM_TEST + "ValidSTSHeaders", ";; max-age=394082038  ;", "31536000", "394082038"),
			row(CHROMIUM_TEST + "ValidSTSHeaders", ";;    ; ; max-age=394082038;;; includeSubdomains     ;;  ;",
					"31536000; includeSubDomains", "394082038; includeSubDomains"),
			row(CHROMIUM_TEST + "ValidSTSHeaders", "incLudesUbdOmains   ; max-age=394082038 ;;",
					"31536000; includeSubDomains", "394082038; includeSubDomains"),
			row(CHROMIUM_TEST + "ValidSTSHeaders", "  max-age=0  ;  incLudesUbdOmains   ", "0; includeSubDomains",
					"0; includeSubDomains"),
			row(CHROMIUM_TEST + "ValidSTSHeaders",
					"  max-age=999999999999999999999999999999999999999999999  ;  incLudesUbdOmains   ",
					"31536000; includeSubDomains",
					"ignored: max-age does not fit 64 bits: 999999999999999999999999999999999999999999999"),
			row(FIREFOX_TEST + "test_valid_header", "max-age=100", "100", "100"),
			row(FIREFOX_TEST + "test_valid_header", "max-age  =100", "100", "100"),
			row(FIREFOX_TEST + "test_valid_header", " max-age=100", "100", "100"),
			row(FIREFOX_TEST + "test_valid_header", "max-age = 100 ", "100", "100"),
			row(FIREFOX_TEST + "test_valid_header", "max-age = \"100\" ", "100", "100"),
			row(FIREFOX_TEST + "test_valid_header", "max-age=\"100\"", "100", "100"),
			row(FIREFOX_TEST + "test_valid_header", " max-age =\"100\" ", "100", "100"),
			row(FIREFOX_TEST + "test_valid_header", "\tmax-age\t=\t\"100\"\t", "100", "100"),
			row(FIREFOX_TEST + "test_valid_header", "max-age  =       100             ", "100", "100"),
			row(FIREFOX_TEST + "test_valid_header", "maX-aGe=100", "100", "100"),
			row(FIREFOX_TEST + "test_valid_header", "MAX-age  =100", "100", "100"),
			row(FIREFOX_TEST + "test_valid_header", "max-AGE=100", "100", "100"),
			row(FIREFOX_TEST + "test_valid_header", "Max-Age = 100 ", "100", "100"),
			row(FIREFOX_TEST + "test_valid_header", "MAX-AGE = 100 ", "100", "100"),
			row(FIREFOX_TEST + "test_valid_header", "max-age=100;includeSubdomains", "100; includeSubDomains",
					"100; includeSubDomains"),
			row(FIREFOX_TEST + "test_valid_header", "max-age=100\t; includeSubdomains", "100; includeSubDomains",
					"100; includeSubDomains"),
			row(FIREFOX_TEST + "test_valid_header", " max-age=100; includeSubdomains", "100; includeSubDomains",
					"100; includeSubDomains"),
			row(FIREFOX_TEST + "test_valid_header", "max-age = 100 ; includeSubdomains", "100; includeSubDomains",
					"100; includeSubDomains"),
			row(FIREFOX_TEST + "test_valid_header", "max-age  =       100             ; includeSubdomains",
					"100; includeSubDomains", "100; includeSubDomains"),
			row(FIREFOX_TEST + "test_valid_header", "maX-aGe=100; includeSUBDOMAINS", "100; includeSubDomains",
					"100; includeSubDomains"),
			row(FIREFOX_TEST + "test_valid_header", "MAX-age  =100; includeSubDomains", "100; includeSubDomains",
					"100; includeSubDomains"),
			row(FIREFOX_TEST + "test_valid_header", "max-AGE=100; iNcLuDeSuBdoMaInS", "100; includeSubDomains",
					"100; includeSubDomains"),
			row(FIREFOX_TEST + "test_valid_header", "Max-Age = 100; includesubdomains ", "100; includeSubDomains",
					"100; includeSubDomains"),
			row(FIREFOX_TEST + "test_valid_header", "INCLUDESUBDOMAINS;MaX-AgE = 100 ", "100; includeSubDomains",
					"100; includeSubDomains"),
			row(FIREFOX_TEST + "test_valid_header", "max-age=100;includeSubdomains;", "100; includeSubDomains",
					"100; includeSubDomains"),
			row(FIREFOX_TEST + "test_valid_header", "max-age=100 ; includesubdomainsSomeStuff", "100", "100"),
			row(FIREFOX_TEST + "test_valid_header",
					"\r\n\t\t    \tcompletelyUnrelated = foobar; max-age= 34520103\t \t; alsoUnrelated;asIsThis;\tincludeSubdomains\t\t \t",
					"ignored: a directive name is not a token: \"\r\n\t\t    \tcompletelyUnrelated\"",
					"34520103; includeSubDomains"),
			row(FIREFOX_TEST + "test_valid_header", "max-age=100; unrelated=\"quoted \\\"thingy\\\"\"", "100", "100"),
			row(FIREFOX_TEST + "test_valid_header", "max-age=4294967296", "31536000", "3153600000"),
			row(FIREFOX_TEST + "test_invalid_header", "max-age", "ignored: max-age has no value",
					"ignored: max-age has no value"),
			row(FIREFOX_TEST + "test_invalid_header", "max-age ", "ignored: max-age has no value",
					"ignored: max-age has no value"),
			row(FIREFOX_TEST + "test_invalid_header", "max-age=", "ignored: max-age has no value",
					"ignored: max-age has no value"),
			row(FIREFOX_TEST + "test_invalid_header", "max-age=p",
					"ignored: max-age is not a whole number of seconds: \"p\"",
					"ignored: max-age is not a whole number of seconds: \"p\""),
			row(FIREFOX_TEST + "test_invalid_header", "max-age=*1p2",
					"ignored: max-age is not a whole number of seconds: \"*1p2\"",
					"ignored: max-age is not a whole number of seconds: \"*1p2\""),
			row(FIREFOX_TEST + "test_invalid_header", "max-age=.20032",
					"ignored: max-age is not a whole number of seconds: \".20032\"",
					"ignored: max-age is not a whole number of seconds: \".20032\""),
			row(FIREFOX_TEST + "test_invalid_header", "max-age=!20032",
					"ignored: max-age is not a whole number of seconds: \"!20032\"",
					"ignored: max-age is not a whole number of seconds: \"!20032\""),
			row(FIREFOX_TEST + "test_invalid_header", "max-age==20032",
					"ignored: max-age is not a whole number of seconds: \"=20032\"",
					"ignored: the header does not parse at \"=20032\""),
			row(FIREFOX_TEST + "test_invalid_header", "foobar", "ignored: max-age is missing",
					"ignored: max-age is missing"),
			row(FIREFOX_TEST + "test_invalid_header", "maxage=100", "ignored: max-age is missing",
					"ignored: max-age is missing"),
			row(FIREFOX_TEST + "test_invalid_header", "maxa-ge=100", "ignored: max-age is missing",
					"ignored: max-age is missing"),
			row(FIREFOX_TEST + "test_invalid_header", "max-ag=100", "ignored: max-age is missing",
					"ignored: max-age is missing"),
			row(FIREFOX_TEST + "test_invalid_header", "includesubdomains", "ignored: max-age is missing",
					"ignored: max-age is missing"),
			row(FIREFOX_TEST + "test_invalid_header", "includesubdomains=",
					"ignored: includeSubDomains must not have a value",
					"ignored: includeSubDomains must not have a value"),
			row(FIREFOX_TEST + "test_invalid_header", "max-age=100; includesubdomains=",
					"ignored: includeSubDomains must not have a value",
					"ignored: includeSubDomains must not have a value"),
			row(FIREFOX_TEST + "test_invalid_header", ";", "ignored: max-age is missing",
					"ignored: max-age is missing"),
			row(FIREFOX_TEST + "test_invalid_header", "max-age=\"100",
					"ignored: the value of max-age is not a valid quoted string: \"100",
					"ignored: the header does not parse: it ends inside a quoted string"),
			row(FIREFOX_TEST + "test_invalid_header", "max-age=100, max-age=200; includeSubdomains",
					"ignored: max-age is not a whole number of seconds: \"100, max-age=200\"",
					"ignored: the header does not parse at \", max-age=200; includeSubdomains\""),
			row(FIREFOX_TEST + "test_invalid_header", "max-age=100 includesubdomains",
					"ignored: max-age is not a whole number of seconds: \"100 includesubdomains\"",
					"ignored: the header does not parse at \"includesubdomains\""),
			row(FIREFOX_TEST + "test_invalid_header", "max-age=100 bar foo",
					"ignored: max-age is not a whole number of seconds: \"100 bar foo\"",
					"ignored: the header does not parse at \"bar foo\""),
			row(FIREFOX_TEST + "test_invalid_header", "max-age=100randomstuffhere",
					"ignored: max-age is not a whole number of seconds: \"100randomstuffhere\"",
					"ignored: max-age is not a whole number of seconds: \"100randomstuffhere\""),
			row(FIREFOX_TEST + "test_invalid_header", "max-age=100; max-age=200", "ignored: max-age appears twice",
					"ignored: max-age appears twice"),
			row(FIREFOX_TEST + "test_invalid_header", "includeSubdomains; max-age=200; includeSubdomains",
					"ignored: includeSubDomains appears twice", "ignored: includeSubDomains appears twice"),
			row(FIREFOX_TEST + "test_invalid_header", "max-age=200; includeSubdomains; includeSubdomains",
					"ignored: includeSubDomains appears twice", "ignored: includeSubDomains appears twice"),
			row(FIREFOX_TEST + "test_invalid_header", "max-age=100; includeSubdomains=unexpected",
					"ignored: includeSubDomains must not have a value",
					"ignored: includeSubDomains must not have a value"),
			row(FIREFOX_TEST + "test_invalid_header", "\r\nmax-age=200",
					"ignored: a directive name is not a token: \"\r\nmax-age\"",
					"ignored: the header does not parse at \"max-age=200\""),
			row(HERE + "RFC 6797 6.1: quoted includeSubDomains name is no token", "max-age=1; \"includeSubDomains\"",
					"ignored: a directive name is not a token: \"\"includeSubDomains\"\"",
					"ignored: the header does not parse at \"\"includeSubDomains\"\""));

	private static final List<Row> DIFFERENCES = List.of(
			row(HERE + "Chromium caps at kMaxHSTSAgeSecs (1 year), Firefox at 100 years", "max-age=63072000",
					"31536000", "63072000"),
			row(HERE + "Firefox refuses a max-age beyond 64 bits, Chromium clamps it", "max-age=18446744073709551616",
					"31536000", "ignored: max-age does not fit 64 bits: 18446744073709551616"),
			row(HERE + "2^64-1 still fits Firefox's Tokenizer", "max-age=18446744073709551615", "31536000",
					"3153600000"),
			row(HERE + "leading zeros are accepted by both", "max-age=000123", "123", "123"),
			row(HERE + "an unknown directive with an empty value: Chromium refuses, Firefox ignores it",
					"max-age=10; foo=", "ignored: foo has an empty value", "10"),
			row(HERE + "a nameless directive: Chromium refuses, Firefox ignores it", "max-age=10; =x",
					"ignored: a directive has no name: \"=x\"", "10"),
			row(HERE + "quoted-pair in max-age: Chromium unquotes it, Firefox keeps the backslash", "max-age=\"1\\2\"",
					"12", "ignored: max-age is not a whole number of seconds: \"1\\2\""),
			row(HERE + "preload is an unknown directive to both browsers",
					"max-age=31536000; includeSubDomains; preload", "31536000; includeSubDomains",
					"31536000; includeSubDomains"),
			row(HERE + "two fields merged by a proxy into one line are invalid in both",
					"max-age=31536000, max-age=31536000",
					"ignored: max-age is not a whole number of seconds: \"31536000, max-age=31536000\"",
					"ignored: the header does not parse at \", max-age=31536000\""));

	@Test
	void portedBrowserTestsHold() {
		assertRows(PORTED);
	}

	@Test
	void browsersDifferWhereTheirCodeDiffers() {
		assertRows(DIFFERENCES);
	}

	@Test
	void onlyTheFirstFieldCountsAndTheOthersAreNoted() {
		ParsedHstsHeader parsed = HstsHeaderParser.parse(List.of("max-age=300", "max-age=31536000; includeSubDomains"));
		assertThat(parsed.isEffective()).isTrue();
		assertThat(parsed.processedValue()).contains("max-age=300");
		assertThat(parsed.maxAgeSeconds()).isEqualTo(300);
		assertThat(parsed.includeSubDomains()).isFalse();
		assertThat(parsed.summary()).isEqualTo("effective: max-age=300");
		assertThat(parsed.notes()).contains(
				"browsers process only the first of 2 Strict-Transport-Security fields; the others are ignored (RFC 6797 section 8.1)");
	}

	@Test
	void ignoredHeadersSayWhyInBrowserTerms() {
		ParsedHstsHeader twice = HstsHeaderParser.parse("max-age=31536000; max-age=31536000");
		assertThat(twice.isIgnored()).isTrue();
		assertThat(twice.isEffective()).isFalse();
		assertThat(twice.ignoredReason()).contains("ignored: max-age appears twice");
		assertThat(twice.summary()).isEqualTo("ignored: max-age appears twice");
		ParsedHstsHeader none = HstsHeaderParser.parse(List.of());
		assertThat(none.isPresent()).isFalse();
		assertThat(none.summary()).isEqualTo("ignored: no Strict-Transport-Security header");
		ParsedHstsHeader merged = HstsHeaderParser.parse("max-age=60, max-age=60");
		assertThat(merged.ignoredReason()).hasValueSatisfying(
				(reason) -> assertThat(reason).startsWith("ignored by Chromium: ").contains("; ignored by Firefox: "));
		assertThat(merged.notes()).anySatisfy((note) -> assertThat(note).contains("two headers merged"));
	}

	@Test
	void differencesAreNamedPerBrowser() {
		ParsedHstsHeader twoYears = HstsHeaderParser.parse("max-age=63072000; includeSubDomains; preload");
		assertThat(twoYears.isEffective()).isTrue();
		assertThat(twoYears.browsersDiffer()).isTrue();
		assertThat(twoYears.maxAgeSeconds()).isEqualTo(63072000);
		assertThat(twoYears.preload()).isTrue();
		assertThat(twoYears.reading(BrowserEngine.CHROMIUM).maxAgeSeconds()).isEqualTo(31536000);
		assertThat(twoYears.summary()).isEqualTo("Chromium: effective, max-age=31536000; includeSubDomains"
				+ " / Firefox: effective, max-age=63072000; includeSubDomains");
		assertThat(twoYears.notes())
			.contains("Chromium caps max-age at 31536000 s: it keeps the policy for 31536000 s, not 63072000");
		ParsedHstsHeader nameless = HstsHeaderParser.parse("max-age=10; =x");
		assertThat(nameless.isEffective()).isFalse();
		assertThat(nameless.isIgnored()).isFalse();
		assertThat(nameless.ignoredReason()).contains("ignored by Chromium: a directive has no name: \"=x\"");
	}

	@Test
	void notesNameWhatBrowsersPassOverSilently() {
		ParsedHstsHeader parsed = HstsHeaderParser.parse("max-age=0100;; includeSubDomains; report=\"x\"; preload=yes");
		assertThat(parsed.isEffective()).isTrue();
		assertThat(parsed.preload()).isFalse();
		assertThat(parsed.notes()).containsExactly(
				"max-age has a leading zero: browsers accept it, the hstspreload.org checker warns (header.parse.max_age.leading_zero)",
				"an empty directive (extra semicolon) is skipped", "unknown directive ignored: report",
				"preload appears twice or has a value: the hstspreload.org checker does not count it");
		assertThat(HstsHeaderParser.parse("max-age=0").notes())
			.containsExactly("max-age=0: browsers delete the host's HSTS policy");
	}

	@Test
	void anyInputGetsAReadingNeverAnException() {
		java.util.Random random = new java.util.Random(25);
		String alphabet = "max-ge=;\"\\ \t\r\n,0123456789includeSubDomainsPRELOAD\u00e9\u0000'";
		for (int i = 0; i < 5000; i++) {
			StringBuilder value = new StringBuilder();
			int length = random.nextInt(40);
			for (int j = 0; j < length; j++) {
				value.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			ParsedHstsHeader parsed = HstsHeaderParser.parse(List.of(value.toString(), value.toString()));
			assertThat(parsed.summary()).as(value.toString()).isNotEmpty();
			assertThat(parsed.isEffective() || parsed.ignoredReason().isPresent()).isTrue();
			assertThat(PreloadReadiness.checkHeader(value.toString())).isNotNull();
		}
	}

	private static void assertRows(List<Row> rows) {
		SoftAssertions softly = new SoftAssertions();
		for (Row row : rows) {
			softly.assertThat(describe(HstsHeaderParser.read(BrowserEngine.CHROMIUM, row.value())))
				.as("Chromium, %s: [%s]", row.source(), row.value())
				.isEqualTo(row.chromium());
			softly.assertThat(describe(HstsHeaderParser.read(BrowserEngine.FIREFOX, row.value())))
				.as("Firefox, %s: [%s]", row.source(), row.value())
				.isEqualTo(row.firefox());
		}
		softly.assertAll();
	}

	private static String describe(HstsBrowserReading reading) {
		if (!reading.effective()) {
			return "ignored: " + reading.reason();
		}
		return reading.maxAgeSeconds() + (reading.includeSubDomains() ? "; includeSubDomains" : "");
	}

	private static Row row(String source, String value, String chromium, String firefox) {
		return new Row(source, value, chromium, firefox);
	}

	private record Row(String source, String value, String chromium, String firefox) {
	}

}
