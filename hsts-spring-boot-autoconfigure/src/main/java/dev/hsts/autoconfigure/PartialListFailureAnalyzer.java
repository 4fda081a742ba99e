package dev.hsts.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Explains a list of the starter's that is set only in part
 * ({@code security.headers.hsts.rollout.stages[1].max-age=2d} alone), which Spring Boot
 * reports as "elements were left unbound": Boot binds a list as a whole from the one
 * configuration source that sets it, counting from {@code [0]}, and never merges single
 * elements into the default list or into a list set elsewhere. The report names the list,
 * the indexes set and the missing ones, and shows the whole list to write instead, in
 * YAML and as properties. Runs before Boot's own analyzer of unbound elements.
 */
@Order(0)
class PartialListFailureAnalyzer extends AbstractFailureAnalyzer<UnboundConfigurationPropertiesException> {

	private static final Pattern PLAIN_YAML = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");

	private static final Pattern INDEX = Pattern.compile("\\[[0-9]+]");

	private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7e]{0,100}");

	private final Environment environment;

	/**
	 * @param environment the application's environment, to show the list with the
	 * elements set in every configuration source merged in; {@code null} when the failure
	 * came before there was one
	 */
	PartialListFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnboundConfigurationPropertiesException cause) {
		BindException bindException = findCause(rootFailure, BindException.class);
		KnownProperties known = KnownProperties.securityHeaders();
		if (bindException == null || cause.getUnboundProperties().isEmpty() || !known.isList(bindException.getName())) {
			return null;
		}
		ConfigurationPropertyName list = bindException.getName();
		String listName = known.canonical(list).orElse(list.toString());
		ConfigurationProperty first = cause.getUnboundProperties()
			.stream()
			.min(Comparator.comparing(ConfigurationProperty::getName))
			.get();
		SortedSet<Integer> set = indexesSet(list, first, cause);
		List<String> missing = new ArrayList<>();
		for (int index = 0; index < set.last(); index++) {
			if (!set.contains(index)) {
				missing.add("[" + index + "]");
			}
		}
		String unbound = cause.getUnboundProperties()
			.stream()
			.map((property) -> indexAfter(list, property.getName()))
			.filter((index) -> index != null)
			.distinct()
			.sorted()
			.map((index) -> "[" + index + "]")
			.collect(Collectors.joining(", "));
		String description = "The security headers configuration sets only some elements of the list " + listName
				+ ".\n\n    Property: " + listName + "\n    Set: "
				+ set.stream().map((index) -> "[" + index + "]").collect(Collectors.joining(", "))
				+ (missing.isEmpty() ? "" : "\n    Missing: " + String.join(", ", missing)) + "\n    Origin: "
				+ ConfiguredProperties.origin(first)
				+ "\n    Reason: Spring Boot binds a list as a whole, from the one configuration source that sets it, "
				+ "counting from [0] up to the first element that is missing or sets nothing; it does not merge single "
				+ "elements into the starter's default list or into a list set in another source. So the elements set "
				+ "there replace the whole list, and " + unbound + " cannot be bound"
				+ (missing.isEmpty() ? "." : " without " + String.join(", ", missing) + ".");
		List<Object> elements = merged(known, list, listName, cause);
		StringBuilder action = new StringBuilder("Set the whole list ").append(listName)
			.append(" in one place, every element from [0] on. For example, the list with the elements your "
					+ "configuration sets merged into it");
		if (listName.indexOf('[') < 0) {
			action.append(", in YAML:\n\n").append(yaml(listName, elements)).append("\nor as properties");
		}
		action.append(":\n\n").append(properties(listName, elements));
		return new FailureAnalysis(description, action.toString().stripTrailing(), cause);
	}

	/** The indexes of the list that the source of the unbound elements sets. */
	private static SortedSet<Integer> indexesSet(ConfigurationPropertyName list, ConfigurationProperty first,
			UnboundConfigurationPropertiesException cause) {
		SortedSet<Integer> set = new TreeSet<>();
		List<ConfigurationPropertyName> names = new ArrayList<>();
		if (first.getSource() instanceof IterableConfigurationPropertySource source) {
			source.stream().filter(list::isAncestorOf).forEach(names::add);
		}
		cause.getUnboundProperties().forEach((property) -> names.add(property.getName()));
		for (ConfigurationPropertyName name : names) {
			Integer index = indexAfter(list, name);
			if (index != null) {
				set.add(index);
			}
		}
		return set;
	}

	private static Integer indexAfter(ConfigurationPropertyName list, ConfigurationPropertyName name) {
		if (!list.isAncestorOf(name)) {
			return null;
		}
		String element = name.getElement(list.getNumberOfElements(), Form.UNIFORM);
		return (element.matches("[0-9]{1,6}")) ? Integer.valueOf(element) : null;
	}

	/**
	 * The list as the configuration presumably means it: the default elements, with every
	 * element (or key of an element) that a source sets put over them, the source that
	 * wins last; elements no source sets and that have no default are left out.
	 */
	private List<Object> merged(KnownProperties known, ConfigurationPropertyName list, String listName,
			UnboundConfigurationPropertiesException cause) {
		List<Object> elements = new ArrayList<>();
		for (Object element : known.defaultElements(list)) {
			elements.add((element instanceof Map<?, ?> map) ? new LinkedHashMap<>(map) : element);
		}
		List<ConfigurationProperty> set = (this.environment != null)
				? new ArrayList<>(ConfiguredProperties.under(this.environment, list))
				: new ArrayList<>(cause.getUnboundProperties());
		for (int i = set.size() - 1; i >= 0; i--) {
			ConfigurationProperty property = set.get(i);
			String value = String.valueOf(property.getValue());
			if (property.getName().equals(list)) {
				if (known.isListOfValues(list)) {
					elements = Arrays.stream(StringUtils.commaDelimitedListToStringArray(value))
						.map((element) -> shown(element.trim(), property))
						.collect(Collectors.toCollection(ArrayList<Object>::new));
				}
				continue;
			}
			Integer index = indexAfter(list, property.getName());
			if (index == null) {
				continue;
			}
			while (elements.size() <= index) {
				elements.add(null);
			}
			if (property.getName().getNumberOfElements() == list.getNumberOfElements() + 1) {
				elements.set(index, shown(value, property));
			}
			else {
				String key = known.canonical(property.getName())
					.orElse(property.getName().toString())
					.substring(listName.length() + ("[" + index + "]").length() + 1);
				@SuppressWarnings("unchecked")
				Map<String, String> keys = (elements.get(index) instanceof Map<?, ?> map) ? (Map<String, String>) map
						: new LinkedHashMap<>();
				keys.put(key, shown(value, property));
				elements.set(index, keys);
			}
		}
		elements.removeIf((element) -> element == null);
		// The keys of an element in the order the starter declares them.
		List<String> names = known.names();
		String elementPattern = INDEX.matcher(listName).replaceAll("[*]") + "[*].";
		Comparator<String> declared = Comparator.comparingInt((key) -> {
			int rank = names.indexOf(elementPattern + INDEX.matcher(key).replaceAll("[*]"));
			return (rank >= 0) ? rank : Integer.MAX_VALUE;
		});
		elements.replaceAll((element) -> {
			if (element instanceof Map<?, ?> keys) {
				Map<String, Object> ordered = new LinkedHashMap<>();
				keys.keySet()
					.stream()
					.map(String::valueOf)
					.sorted(declared)
					.forEach((key) -> ordered.put(key, keys.get(key)));
				return ordered;
			}
			return element;
		});
		return elements;
	}

	/**
	 * A value to show: as set when it is short printable ASCII, otherwise a pointer to
	 * where it is set (no control characters in the report, nothing longer than needed).
	 */
	private static String shown(String value, ConfigurationProperty property) {
		return PRINTABLE.matcher(value).matches() ? value
				: "<the value at " + ConfiguredProperties.origin(property) + ">";
	}

	private static String yaml(String listName, List<Object> elements) {
		StringBuilder yaml = new StringBuilder();
		String[] path = listName.split("\\.");
		String indent = "";
		for (String element : path) {
			yaml.append(indent).append(element).append(":\n");
			indent += "  ";
		}
		for (Object element : elements) {
			if (element instanceof Map<?, ?> keys) {
				String prefix = indent + "- ";
				for (Map.Entry<?, ?> key : keys.entrySet()) {
					yaml.append(prefix)
						.append(key.getKey())
						.append(": ")
						.append(yamlScalar(key.getValue()))
						.append('\n');
					prefix = indent + "  ";
				}
			}
			else {
				yaml.append(indent).append("- ").append(yamlScalar(element)).append('\n');
			}
		}
		return yaml.toString();
	}

	private static String yamlScalar(Object value) {
		String text = String.valueOf(value);
		return PLAIN_YAML.matcher(text).matches() ? text : '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

	private static String properties(String listName, List<Object> elements) {
		StringBuilder properties = new StringBuilder();
		for (int index = 0; index < elements.size(); index++) {
			String element = listName + "[" + index + "]";
			if (elements.get(index) instanceof Map<?, ?> keys) {
				keys.forEach((key, value) -> properties.append(element)
					.append('.')
					.append(key)
					.append('=')
					.append(String.valueOf(value).replace("\\", "\\\\"))
					.append('\n'));
			}
			else {
				properties.append(element)
					.append('=')
					.append(String.valueOf(elements.get(index)).replace("\\", "\\\\"))
					.append('\n');
			}
		}
		return properties.toString();
	}

}
