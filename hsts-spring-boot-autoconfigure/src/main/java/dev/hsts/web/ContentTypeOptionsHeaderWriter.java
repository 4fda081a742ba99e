package dev.hsts.web;

/**
 * Writes {@code X-Content-Type-Options: nosniff} where the response has none, so that browsers use the declared
 * content type instead of guessing one (which can turn an uploaded text file into script).
 */
public class ContentTypeOptionsHeaderWriter extends FixedValueHeaderWriter {

	/** The header name. */
	public static final String HEADER_NAME = "X-Content-Type-Options";

	/** The only value the header has. */
	public static final String NOSNIFF = "nosniff";

	/** A writer of {@code nosniff}. */
	public ContentTypeOptionsHeaderWriter() {
		super(HEADER_NAME, NOSNIFF);
	}

}
