package dev.hsts.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.hsts.core.ManagedHeaderChoices;
import dev.hsts.core.ManagedHeaderChoices.Choice;
import dev.hsts.core.ManagedHeaderChoices.Setting;
import dev.hsts.core.UntrustedText;

/**
 * A Spring Security filter chain sets its own values for headers the starter writes (its
 * {@code headers(...)} configuration chose them): the starter would replace them without
 * a word, so the application does not start. Names the chain, each header, what the chain
 * writes and the {@code security.headers.*} properties that make the starter send the
 * same. Reported at startup by {@link HeaderChoicesConflictFailureAnalyzer}.
 */
public class HeaderChoicesConflictException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/** The {@code HeadersConfigurer} method that configures each header. */
	private static final Map<String, String> CALLS = Map.of(ManagedHeaderChoices.HSTS,
			"httpStrictTransportSecurity(...)", ManagedHeaderChoices.FRAME_OPTIONS, "frameOptions(...)",
			ManagedHeaderChoices.CONTENT_TYPE_OPTIONS, "contentTypeOptions(...)", ManagedHeaderChoices.CACHE_CONTROL,
			"cacheControl(...)", ManagedHeaderChoices.XSS_PROTECTION, "xssProtection(...)");

	/**
	 * The {@code ServerHttpSecurity.HeaderSpec} method that configures each header, in a
	 * WebFlux chain.
	 */
	private static final Map<String, String> REACTIVE_CALLS = Map.of(ManagedHeaderChoices.HSTS, "hsts(...)",
			ManagedHeaderChoices.FRAME_OPTIONS, "frameOptions(...)", ManagedHeaderChoices.CONTENT_TYPE_OPTIONS,
			"contentTypeOptions(...)", ManagedHeaderChoices.CACHE_CONTROL, "cache(...)",
			ManagedHeaderChoices.XSS_PROTECTION, "xssProtection(...)");

	private final String chain;

	private final transient List<Choice> choices;

	private final transient Map<String, String> calls;

	/**
	 * The choices of a servlet chain ({@code HttpSecurity}).
	 * @param chain the name of the chain's bean
	 * @param choices the chain's own choices, at least one
	 */
	public HeaderChoicesConflictException(String chain, List<Choice> choices) {
		this(chain, choices, CALLS);
	}

	private HeaderChoicesConflictException(String chain, List<Choice> choices, Map<String, String> calls) {
		super(message(chain, choices, calls));
		this.chain = Objects.requireNonNull(chain, "chain");
		this.choices = List.copyOf(choices);
		this.calls = calls;
	}

	/**
	 * The choices of a WebFlux chain ({@code ServerHttpSecurity}), whose header methods
	 * have other names.
	 * @param chain the name of the chain's bean
	 * @param choices the chain's own choices, at least one
	 * @return the exception
	 */
	public static HeaderChoicesConflictException ofReactiveChain(String chain, List<Choice> choices) {
		return new HeaderChoicesConflictException(chain, choices, REACTIVE_CALLS);
	}

	private static String message(String chain, List<Choice> choices, Map<String, String> calls) {
		return "Spring Security's filter chain '" + chain + "' sets its own "
				+ and(choices.stream().map(Choice::header).toList())
				+ ", which the security headers starter writes itself. " + action(chain, choices, calls);
	}

	/** The name of the chain's bean. */
	public String getChain() {
		return this.chain;
	}

	/** The chain's own choices. */
	public List<Choice> getChoices() {
		return this.choices;
	}

	/**
	 * What is wrong, header by header.
	 * @return the description of a startup failure report
	 */
	public String getDescription() {
		StringBuilder description = new StringBuilder("Spring Security's filter chain '").append(this.chain)
			.append("' sets its own values for headers that the security headers starter writes itself. The starter")
			.append(" would replace them without a word, so the application does not start.\n");
		for (Choice choice : this.choices) {
			description.append("\n    ").append(choice.header()).append('\n');
			description.append("        The chain writes: ")
				.append((choice.written() != null) ? UntrustedText.escape(choice.written())
						: "nothing (switched off with " + call(choice, this.calls) + ")")
				.append('\n');
			description.append("        ")
				.append((choice.settings().size() == 1) ? "As a property: " : "As properties: ")
				.append(choice.settings().isEmpty() ? "none sends this value (see the note)" : settings(choice))
				.append('\n');
			if (choice.note() != null) {
				description.append("        Note: ").append(PropertyNames.render(choice.note())).append('\n');
			}
		}
		return description.toString().stripTrailing();
	}

	/**
	 * How to fix it.
	 * @return the action of a startup failure report
	 */
	public String getAction() {
		return action(this.chain, this.choices, this.calls);
	}

	private static String action(String chain, List<Choice> choices, Map<String, String> callNames) {
		List<String> settings = new ArrayList<>();
		Set<String> calls = new LinkedHashSet<>();
		for (Choice choice : choices) {
			choice.settings().forEach((setting) -> settings.add(property(setting)));
			calls.add(call(choice, callNames));
		}
		StringBuilder action = new StringBuilder();
		if (!settings.isEmpty()) {
			action.append("Set ").append(and(settings)).append(" in your configuration, and remove ");
		}
		else {
			action.append("Remove ");
		}
		action.append(and(new ArrayList<>(calls)))
			.append(" from the headers(...) configuration of the chain '")
			.append(chain)
			.append("' (the starter then sends these headers once, on every response). To leave all security ")
			.append("headers to Spring Security instead, set security.headers.enabled=false.");
		return action.toString();
	}

	private static String call(Choice choice, Map<String, String> calls) {
		return calls.getOrDefault(choice.header(), "the writer of " + choice.header());
	}

	private static String settings(Choice choice) {
		return String.join(", ", choice.settings().stream().map(HeaderChoicesConflictException::property).toList());
	}

	private static String property(Setting setting) {
		return PropertyNames.of(setting.path()) + "=" + UntrustedText.escape(setting.value());
	}

	private static String and(List<String> items) {
		if (items.size() == 1) {
			return items.get(0);
		}
		return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
	}

}
