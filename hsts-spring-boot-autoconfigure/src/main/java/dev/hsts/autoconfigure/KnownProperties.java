package dev.hsts.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.MergedAnnotations;

/**
 * The {@code security.headers.*} keys the starter binds, as the properties classes
 * themselves define them (their JavaBean properties, as Spring Boot's binder reads them).
 * At start-up they are read from a list in the jar ({@value #RESOURCE}) that
 * {@code KnownPropertiesTest} keeps equal to what reflection over the classes finds
 * ({@link #boundBySecurityHeaders()}), so that the list cannot drift from what is bound.
 *
 * <p>
 * A key is matched the way Boot's binder matches it: element by element in Boot's uniform
 * form (letter case, dashes and underscores do not count, so {@code include-subdomains},
 * {@code includeSubdomains}, {@code include_subdomains} and the environment variable's
 * {@code includesubdomains} are one key), with any numeric index for a list element.
 * Names of groups ({@code security.headers.hsts}) and whole lists
 * ({@code security.headers.trusted-hosts.allowed=a.example,b.example}) are known too.
 */
final class KnownProperties {

	/** The marker of a list index in a pattern. */
	static final String INDEX = "[*]";

	/** The marker of a map key in a pattern. */
	static final String MAP_KEY = "*";

	/** Where the starter's keys are listed, as {@link #write()} writes them. */
	static final String RESOURCE = "META-INF/hsts-spring-boot/known-properties.txt";

	/** The prefix of the starter's keys, {@code security.headers}. */
	static final ConfigurationPropertyName ROOT = ConfigurationPropertyName
		.of(PropertyNames.PREFIX.substring(0, PropertyNames.PREFIX.length() - 1));

	private final ConfigurationPropertyName root;

	private final Node tree;

	/** Every known name, dashed, with {@link #INDEX} for list indexes, in tree order. */
	private final List<Pattern> patterns;

	/** How many known names end in each last element, uniform. */
	private final Map<String, Integer> lastElementCounts = new HashMap<>();

	private KnownProperties(ConfigurationPropertyName root, Node tree) {
		this.root = root;
		this.tree = tree;
		List<Pattern> patterns = new ArrayList<>();
		tree.collect(root.toString(), new ArrayList<>(), patterns);
		this.patterns = Collections.unmodifiableList(patterns);
		for (Pattern pattern : patterns) {
			Integer count = this.lastElementCounts.get(pattern.lastUniform());
			this.lastElementCounts.put(pattern.lastUniform(), (count != null) ? count + 1 : 1);
		}
	}

	/**
	 * The keys the starter binds, read once, when first asked for, from
	 * {@value #RESOURCE}: the same keys {@link #boundBySecurityHeaders()} reads from the
	 * properties classes (a test keeps the two equal), without reflection over some 20
	 * classes at every start (issue 21).
	 * @return the starter's keys
	 */
	static KnownProperties securityHeaders() {
		return SecurityHeaders.KEYS;
	}

	/**
	 * The keys the starter binds, read from its properties classes by reflection.
	 * @return the starter's keys
	 */
	static KnownProperties boundBySecurityHeaders() {
		return of(ROOT, propertiesClasses().toArray(new Class<?>[0]));
	}

	/**
	 * The properties classes the starter's auto-configurations bind under
	 * {@code security.headers} (a test keeps this list equal to what their
	 * {@code @EnableConfigurationProperties} name).
	 * @return the classes
	 */
	static List<Class<?>> propertiesClasses() {
		return List.of(SecurityHeadersProperties.class, TrustedHostsProperties.class, HttpsRedirectProperties.class);
	}

	/**
	 * The keys of {@code @ConfigurationProperties} classes bound under {@code root}.
	 * @param root the prefix all the classes bind under
	 * @param types the classes
	 * @return the known keys
	 */
	static KnownProperties of(ConfigurationPropertyName root, Class<?>... types) {
		Map<ConfigurationPropertyName, Class<?>> byPrefix = new LinkedHashMap<>();
		for (Class<?> type : types) {
			byPrefix.put(ConfigurationPropertyName
				.of(MergedAnnotations.from(type).get(ConfigurationProperties.class).getString("prefix")), type);
		}
		return of(root, byPrefix);
	}

	/**
	 * The keys of classes bound under {@code root}.
	 * @param root the prefix all the classes bind under
	 * @param types the classes, by the prefix each binds under
	 * @return the known keys
	 */
	static KnownProperties of(ConfigurationPropertyName root, Map<ConfigurationPropertyName, Class<?>> types) {
		Node tree = Node.group();
		for (Map.Entry<ConfigurationPropertyName, Class<?>> entry : types.entrySet()) {
			ConfigurationPropertyName prefix = entry.getKey();
			Class<?> type = entry.getValue();
			if (!root.equals(prefix) && !root.isAncestorOf(prefix)) {
				throw new IllegalStateException(type.getName() + " binds '" + prefix + "', not under '" + root + "'");
			}
			Node node = tree;
			for (int i = root.getNumberOfElements(); i < prefix.getNumberOfElements(); i++) {
				node = node.child(prefix.getElement(i, Form.DASHED));
			}
			node.addPropertiesOf(type);
		}
		return new KnownProperties(root, tree);
	}

	/**
	 * Every known key, group and list, dashed, with {@value #INDEX} for a list index
	 * ({@code security.headers.hsts.rollout.stages[*].max-age}).
	 * @return the names, in the order of the properties classes
	 */
	List<String> names() {
		return this.patterns.stream().map(Pattern::dashed).toList();
	}

	/**
	 * Whether the binder binds {@code name} (or a group or list of keys it binds).
	 * @param name a name under the root
	 * @return whether it is known
	 */
	boolean isKnown(ConfigurationPropertyName name) {
		return find(name) != null;
	}

	/**
	 * Whether {@code name} is a list of ours
	 * ({@code security.headers.hsts.rollout.stages},
	 * {@code security.headers.content-security-policy.path-policies[0].paths}).
	 * @param name a name under the root
	 * @return whether it is a list
	 */
	boolean isList(ConfigurationPropertyName name) {
		Node node = find(name);
		return node != null && node.kind == Kind.LIST;
	}

	/**
	 * Whether {@code name} is a list of values (host names, paths), which a single
	 * comma-separated value may set as a whole.
	 * @param name a name under the root
	 * @return whether it is a list of values
	 */
	boolean isListOfValues(ConfigurationPropertyName name) {
		Node node = find(name);
		return node != null && node.kind == Kind.LIST && node.element.kind == Kind.VALUE;
	}

	/**
	 * What the properties classes hold by default at a list, for its elements: a string
	 * each, or a map of each element's keys (dashed) to its values.
	 * @param name the name of a list
	 * @return the default elements, empty when there are none
	 */
	List<Object> defaultElements(ConfigurationPropertyName name) {
		Node node = find(name);
		return (node != null && node.kind == Kind.LIST) ? node.defaults : List.of();
	}

	/**
	 * A known name as the starter's documentation writes it: dashed, with its indexes
	 * ({@code SECURITY_HEADERS_HSTS_ROLLOUT_STAGES_0_MAXAGE} and
	 * {@code security.headers.hsts.rollout.stages[0].maxAge} are both
	 * {@code security.headers.hsts.rollout.stages[0].max-age}).
	 * @param name a name under the root
	 * @return the name, empty when it is not known
	 */
	Optional<String> canonical(ConfigurationPropertyName name) {
		StringBuilder canonical = new StringBuilder(this.root.toString());
		return (walk(name, canonical) != null) ? Optional.of(canonical.toString()) : Optional.empty();
	}

	private Node find(ConfigurationPropertyName name) {
		return walk(name, null);
	}

	private Node walk(ConfigurationPropertyName name, StringBuilder canonical) {
		if (!this.root.equals(name) && !this.root.isAncestorOf(name)) {
			return null;
		}
		Node node = this.tree;
		for (int i = this.root.getNumberOfElements(); i < name.getNumberOfElements() && node != null; i++) {
			String element = name.getElement(i, Form.UNIFORM);
			// Not a switch: one on an enum is a synthetic class of its own, loaded while
			// the context starts (issue 21).
			String written;
			if (node.kind == Kind.GROUP) {
				written = "." + node.dashed.get(element);
				node = node.children.get(element);
			}
			else if (node.kind == Kind.LIST) {
				written = "[" + element + "]";
				node = isIndex(element) ? node.element : null;
			}
			else if (node.kind == Kind.MAP) {
				written = "[" + name.getElement(i, Form.ORIGINAL) + "]";
				node = node.element;
			}
			else {
				written = null;
				node = null;
			}
			if (canonical != null) {
				canonical.append(written);
			}
		}
		return node;
	}

	/**
	 * The known key closest to an unknown one, with the unknown key's list indexes: the
	 * known key at the smallest edit distance on the full name (in uniform form), among
	 * those within a third of the length of the unknown part of the name (so that
	 * {@code security.headers.foo} gets no suggestion), and those whose last element is
	 * the same (a key under the wrong parent, as a YAML indentation slip gives) when that
	 * element is the only one of its name or the distance is at most its length.
	 * @param name an unknown name under the root
	 * @return the closest known key, dashed
	 */
	Optional<String> closest(ConfigurationPropertyName name) {
		List<String> elements = uniformElements(name);
		List<String> mapKeys = markMapKeys(name, elements);
		String unknown = String.join(".", elements);
		String last = elements.get(elements.size() - 1);
		int threshold = Math.max(1, unknownPart(name, elements).length() / 3);
		Pattern best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (Pattern pattern : this.patterns) {
			int distance = editDistance(unknown, pattern.uniform());
			boolean sameLast = !last.equals(INDEX) && pattern.lastUniform().equals(last)
					&& (this.lastElementCounts.getOrDefault(last, 0) == 1 || distance <= last.length());
			if ((distance <= threshold || sameLast) && distance < bestDistance) {
				best = pattern;
				bestDistance = distance;
			}
		}
		if (best == null) {
			return Optional.empty();
		}
		List<String> indexes = new ArrayList<>();
		for (int i = 0; i < name.getNumberOfElements(); i++) {
			if (isIndex(name.getElement(i, Form.UNIFORM))) {
				indexes.add(name.getElement(i, Form.UNIFORM));
			}
		}
		return Optional.of(best.withIndexes(indexes, mapKeys));
	}

	/**
	 * Replaces the elements of {@code name} that are keys of one of our maps
	 * ({@code security.headers.policies.<name>}) with the map's pattern element, so that
	 * a key is compared with the known keys whatever the map key is.
	 * @return the map keys, in order, as written
	 */
	private List<String> markMapKeys(ConfigurationPropertyName name, List<String> elements) {
		List<String> mapKeys = new ArrayList<>();
		Node node = this.tree;
		for (int i = this.root.getNumberOfElements(); i < name.getNumberOfElements() && node != null; i++) {
			String element = name.getElement(i, Form.UNIFORM);
			if (node.kind == Kind.GROUP) {
				node = node.children.get(element);
			}
			else if (node.kind == Kind.LIST) {
				node = isIndex(element) ? node.element : null;
			}
			else if (node.kind == Kind.MAP) {
				elements.set(i, MAP_KEY);
				mapKeys.add(name.getElement(i, Form.ORIGINAL));
				node = node.element;
			}
			else {
				node = null;
			}
		}
		return mapKeys;
	}

	/** The elements of {@code name} after its deepest known ancestor. */
	private String unknownPart(ConfigurationPropertyName name, List<String> uniformElements) {
		int known = name.getNumberOfElements() - 1;
		while (known > 0 && !isKnown(name.chop(known))) {
			known--;
		}
		return String.join(".", uniformElements.subList(known, uniformElements.size()));
	}

	private static List<String> uniformElements(ConfigurationPropertyName name) {
		List<String> elements = new ArrayList<>(name.getNumberOfElements());
		for (int i = 0; i < name.getNumberOfElements(); i++) {
			String element = name.getElement(i, Form.UNIFORM);
			elements.add(isIndex(element) ? INDEX : element);
		}
		return elements;
	}

	private static boolean isIndex(String element) {
		if (element.isEmpty()) {
			return false;
		}
		for (int i = 0; i < element.length(); i++) {
			if (element.charAt(i) < '0' || element.charAt(i) > '9') {
				return false;
			}
		}
		return true;
	}

	/**
	 * The Levenshtein distance: the fewest insertions, deletions and substitutions of one
	 * character that turn {@code a} into {@code b}.
	 * @param a a text
	 * @param b another text
	 * @return the distance
	 */
	static int editDistance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	/**
	 * The tree as text, one name per line, children indented by a tab under their parent:
	 * the kind ({@code G} a group, {@code L} a list, {@code M} a map, {@code V} a value),
	 * a space, the dashed name ({@value #INDEX} for a list's element, {@value #MAP_KEY}
	 * for a map's). A list's default elements follow its element's lines, at the
	 * element's indentation, each as {@code =} and a value, or as <code>={</code> and
	 * {@code key=value} pairs separated by tabs; tabs, line breaks, carriage returns and
	 * backslashes in a value are escaped ({@code \t}, {@code \n}, {@code \r},
	 * {@code \\}), and so is a value's leading <code>{</code>.
	 * @return the text, read back by {@link #read(ConfigurationPropertyName, String)}
	 */
	String write() {
		StringBuilder text = new StringBuilder();
		this.tree.write(0, text);
		return text.toString();
	}

	/**
	 * The keys a text made by {@link #write()} describes.
	 * @param root the prefix of the keys
	 * @param text the text
	 * @return the known keys
	 */
	static KnownProperties read(ConfigurationPropertyName root, String text) {
		Node tree = Node.group();
		List<Node> parents = new ArrayList<>();
		parents.add(tree);
		for (String written : text.split("\n")) {
			// A checkout may have turned the line ends into CR LF.
			String line = written.endsWith("\r") ? written.substring(0, written.length() - 1) : written;
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			int depth = 0;
			while (line.charAt(depth) == '\t') {
				depth++;
			}
			String entry = line.substring(depth);
			if (entry.startsWith("=")) {
				Node list = parents.get(depth);
				List<Object> defaults = new ArrayList<>(list.defaults);
				defaults.add(readDefault(entry.substring(1)));
				list.defaults = Collections.unmodifiableList(defaults);
				continue;
			}
			Node node = new Node(Kind.of(entry.charAt(0)));
			String name = entry.substring(2);
			Node parent = parents.get(depth);
			if (parent.kind == Kind.GROUP) {
				parent.put(name, node);
			}
			else {
				parent.element = node;
			}
			while (parents.size() > depth + 1) {
				parents.remove(parents.size() - 1);
			}
			parents.add(node);
		}
		return new KnownProperties(root, tree);
	}

	private static Object readDefault(String text) {
		if (!text.startsWith("{")) {
			return unescape(text);
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (String pair : text.substring(1).split("\t")) {
			if (!pair.isEmpty()) {
				int equals = pair.indexOf('=');
				values.put(pair.substring(0, equals), unescape(pair.substring(equals + 1)));
			}
		}
		return values;
	}

	private static String escape(String value) {
		return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
	}

	private static String unescape(String value) {
		if (value.indexOf('\\') < 0) {
			return value;
		}
		StringBuilder text = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' && i + 1 < value.length()) {
				char next = value.charAt(++i);
				text.append((next == 't') ? '\t' : (next == 'n') ? '\n' : (next == 'r') ? '\r' : next);
			}
			else {
				text.append(c);
			}
		}
		return text.toString();
	}

	/** Holds the starter's keys, read when first used. */
	private static final class SecurityHeaders {

		static final KnownProperties KEYS = read(ROOT, resource());

		private static String resource() {
			try (InputStream stream = KnownProperties.class.getClassLoader().getResourceAsStream(RESOURCE)) {
				if (stream == null) {
					throw new IllegalStateException(RESOURCE + " is missing from the starter's jar");
				}
				return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read " + RESOURCE, ex);
			}
		}

	}

	private enum Kind {

		/** A JavaBean of ours: its properties are keys. */
		GROUP('G'),

		/** A list or set: numeric indexes. */
		LIST('L'),

		/** A map: any key. */
		MAP('M'),

		/** A value. */
		VALUE('V');

		private final char letter;

		Kind(char letter) {
			this.letter = letter;
		}

		static Kind of(char letter) {
			for (Kind kind : values()) {
				if (kind.letter == letter) {
					return kind;
				}
			}
			throw new IllegalStateException("No kind of key is written '" + letter + "' in " + RESOURCE);
		}

	}

	/** A known name, by element. */
	private record Pattern(List<String> dashedElements) {

		String dashed() {
			return join(this.dashedElements);
		}

		String uniform() {
			return String.join(".", this.dashedElements.stream().map(KnownProperties.Pattern::uniformElement).toList());
		}

		String lastUniform() {
			return uniformElement(this.dashedElements.get(this.dashedElements.size() - 1));
		}

		String withIndexes(List<String> indexes, List<String> mapKeys) {
			List<String> elements = new ArrayList<>(this.dashedElements);
			int next = 0;
			int nextKey = 0;
			for (int i = 0; i < elements.size(); i++) {
				if (elements.get(i).equals(INDEX)) {
					elements.set(i, "[" + ((next < indexes.size()) ? indexes.get(next++) : "0") + "]");
				}
				else if (elements.get(i).equals(MAP_KEY) && nextKey < mapKeys.size()) {
					elements.set(i, mapKeys.get(nextKey++));
				}
			}
			return join(elements);
		}

		private static String uniformElement(String element) {
			return element.equals(INDEX) ? element : element.replace("-", "");
		}

		private static String join(List<String> elements) {
			StringBuilder name = new StringBuilder();
			for (String element : elements) {
				if (name.length() > 0 && !element.startsWith("[")) {
					name.append('.');
				}
				name.append(element);
			}
			return name.toString();
		}

	}

	/** A known name and what may follow it. */
	private static final class Node {

		private final Kind kind;

		/** The keys of a group, by uniform name; dashed names in {@link #dashed}. */
		private final Map<String, Node> children = new LinkedHashMap<>();

		private final Map<String, String> dashed = new LinkedHashMap<>();

		/** What an element of a list, or a value of a map, is. */
		private Node element;

		/** The default elements of a list. */
		private List<Object> defaults = List.of();

		private Node(Kind kind) {
			this.kind = kind;
		}

		static Node group() {
			return new Node(Kind.GROUP);
		}

		Node child(String dashedName) {
			String uniform = Pattern.uniformElement(dashedName);
			this.dashed.putIfAbsent(uniform, dashedName);
			Node child = this.children.get(uniform);
			if (child == null) {
				child = group();
				this.children.put(uniform, child);
			}
			return child;
		}

		/** Adds (or replaces) the key {@code dashedName} of a group. */
		void put(String dashedName, Node node) {
			String uniform = Pattern.uniformElement(dashedName);
			this.dashed.put(uniform, dashedName);
			this.children.put(uniform, node);
		}

		void addPropertiesOf(Class<?> type) {
			Object defaults = BeanUtils.instantiateClass(type);
			for (PropertyDescriptor property : inDeclarationOrder(type)) {
				Method getter = property.getReadMethod();
				if (getter == null || getter.getDeclaringClass() == Object.class) {
					continue;
				}
				ResolvableType propertyType = ResolvableType.forMethodReturnType(getter);
				if (property.getWriteMethod() == null && !isBean(propertyType.resolve(Object.class))) {
					continue;
				}
				String name = DataObjectPropertyName.toDashedForm(property.getName());
				Node node = nodeFor(propertyType);
				if (node.kind == Kind.LIST) {
					node.defaults = elementsOf(invoke(getter, defaults));
				}
				Node existing = this.children.get(Pattern.uniformElement(name));
				if (existing != null && existing.kind == Kind.GROUP && node.kind == Kind.GROUP) {
					existing.children.putAll(node.children);
					existing.dashed.putAll(node.dashed);
				}
				else {
					put(name, node);
				}
			}
		}

		/** The JavaBean properties, in the order their fields are declared. */
		private static List<PropertyDescriptor> inDeclarationOrder(Class<?> type) {
			// Loops, not streams and lambdas: this runs while the context starts (issue
			// 21).
			List<String> fields = new ArrayList<>();
			for (Field field : type.getDeclaredFields()) {
				fields.add(field.getName());
			}
			PropertyDescriptor[] descriptors = BeanUtils.getPropertyDescriptors(type);
			int[] positions = new int[descriptors.length];
			for (int i = 0; i < descriptors.length; i++) {
				int index = fields.indexOf(descriptors[i].getName());
				positions[i] = (index >= 0) ? index : Integer.MAX_VALUE;
			}
			// A stable insertion sort by position, as the stream's sort was.
			List<PropertyDescriptor> sorted = new ArrayList<>(descriptors.length);
			List<Integer> sortedPositions = new ArrayList<>(descriptors.length);
			for (int i = 0; i < descriptors.length; i++) {
				int at = sortedPositions.size();
				while (at > 0 && sortedPositions.get(at - 1) > positions[i]) {
					at--;
				}
				sorted.add(at, descriptors[i]);
				sortedPositions.add(at, positions[i]);
			}
			return sorted;
		}

		private static Node nodeFor(ResolvableType type) {
			Class<?> resolved = type.resolve(Object.class);
			if (Collection.class.isAssignableFrom(resolved) || resolved.isArray()) {
				Node list = new Node(Kind.LIST);
				list.element = nodeFor(resolved.isArray() ? type.getComponentType() : type.asCollection().getGeneric());
				return list;
			}
			if (Map.class.isAssignableFrom(resolved)) {
				Node map = new Node(Kind.MAP);
				map.element = nodeFor(type.asMap().getGeneric(1));
				return map;
			}
			if (isBean(resolved)) {
				Node group = group();
				group.addPropertiesOf(resolved);
				return group;
			}
			return new Node(Kind.VALUE);
		}

		/** Our own classes are JavaBeans of keys; anything else is a value. */
		private static boolean isBean(Class<?> type) {
			return !type.isEnum() && type.getPackageName().equals(KnownProperties.class.getPackageName());
		}

		private static List<Object> elementsOf(Object list) {
			if (!(list instanceof Collection<?> elements)) {
				return List.of();
			}
			List<Object> rendered = new ArrayList<>(elements.size());
			for (Object element : elements) {
				rendered.add(isBean(element.getClass()) ? valuesOf(element) : render(element));
			}
			return Collections.unmodifiableList(rendered);
		}

		private static Map<String, String> valuesOf(Object bean) {
			Map<String, String> values = new LinkedHashMap<>();
			for (PropertyDescriptor property : inDeclarationOrder(bean.getClass())) {
				if (property.getReadMethod() != null && property.getWriteMethod() != null) {
					Object value = invoke(property.getReadMethod(), bean);
					if (value != null) {
						values.put(DataObjectPropertyName.toDashedForm(property.getName()), render(value));
					}
				}
			}
			return values;
		}

		private static Object invoke(Method getter, Object bean) {
			try {
				return getter.invoke(bean);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Cannot read " + getter, ex);
			}
		}

		void write(int depth, StringBuilder text) {
			if (this.kind == Kind.GROUP) {
				for (Map.Entry<String, Node> entry : this.children.entrySet()) {
					entry.getValue().writeLine(depth, this.dashed.get(entry.getKey()), text);
				}
			}
			else if (this.kind == Kind.LIST || this.kind == Kind.MAP) {
				this.element.writeLine(depth, (this.kind == Kind.LIST) ? INDEX : MAP_KEY, text);
				for (Object element : this.defaults) {
					text.append("\t".repeat(depth)).append('=');
					if (element instanceof Map<?, ?> values) {
						text.append('{');
						String separator = "";
						for (Map.Entry<?, ?> value : values.entrySet()) {
							text.append(separator).append(value.getKey()).append('=');
							text.append(escape(String.valueOf(value.getValue())));
							separator = "\t";
						}
					}
					else {
						String value = escape(String.valueOf(element));
						text.append(value.startsWith("{") ? "\\" : "").append(value);
					}
					text.append('\n');
				}
			}
		}

		private void writeLine(int depth, String name, StringBuilder text) {
			text.append("\t".repeat(depth)).append(this.kind.letter).append(' ').append(name).append('\n');
			write(depth + 1, text);
		}

		void collect(String prefix, List<String> path, List<Pattern> patterns) {
			if (this.kind == Kind.GROUP) {
				for (Map.Entry<String, Node> entry : this.children.entrySet()) {
					List<String> childPath = new ArrayList<>(path);
					childPath.add(this.dashed.get(entry.getKey()));
					patterns.add(new Pattern(withPrefix(prefix, childPath)));
					entry.getValue().collect(prefix, childPath, patterns);
				}
			}
			else if (this.kind == Kind.LIST || this.kind == Kind.MAP) {
				List<String> elementPath = new ArrayList<>(path);
				elementPath.add((this.kind == Kind.LIST) ? INDEX : "*");
				patterns.add(new Pattern(withPrefix(prefix, elementPath)));
				this.element.collect(prefix, elementPath, patterns);
			}
		}

		private static List<String> withPrefix(String prefix, List<String> path) {
			List<String> elements = new ArrayList<>(List.of(prefix.split("\\.")));
			elements.addAll(path);
			return elements;
		}

	}

	/**
	 * A default value as it is written in configuration: a duration in days when it is
	 * whole days, otherwise in seconds ({@code 1d}, {@code 300s}).
	 * @param value the value
	 * @return the text
	 */
	static String render(Object value) {
		if (value instanceof Duration duration) {
			long seconds = duration.getSeconds();
			return (seconds != 0 && seconds % 86400 == 0) ? (seconds / 86400) + "d" : seconds + "s";
		}
		return String.valueOf(value);
	}

}
