package dev.hsts.test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The types the compiled classes of a package refer to, read from the constant pool of
 * every class file: classes they use, and the types in their field and method
 * descriptors, generic signatures, annotations and lambdas. For the layering tests.
 */
public final class ClassReferences {

	private static final int CONSTANT_UTF8 = 1;

	private static final int CONSTANT_INTEGER = 3;

	private static final int CONSTANT_FLOAT = 4;

	private static final int CONSTANT_LONG = 5;

	private static final int CONSTANT_DOUBLE = 6;

	private static final int CONSTANT_CLASS = 7;

	private static final int CONSTANT_STRING = 8;

	private static final int CONSTANT_FIELDREF = 9;

	private static final int CONSTANT_METHODREF = 10;

	private static final int CONSTANT_INTERFACE_METHODREF = 11;

	private static final int CONSTANT_NAME_AND_TYPE = 12;

	private static final int CONSTANT_METHOD_HANDLE = 15;

	private static final int CONSTANT_METHOD_TYPE = 16;

	private static final int CONSTANT_DYNAMIC = 17;

	private static final int CONSTANT_INVOKE_DYNAMIC = 18;

	private static final int CONSTANT_MODULE = 19;

	private static final int CONSTANT_PACKAGE = 20;

	private ClassReferences() {
	}

	/**
	 * Finds, in the compiled classes of a package (and its subpackages), the references
	 * to forbidden types.
	 * @param member a class of the jar or directory to read
	 * @param packageName the package, e.g. {@code dev.hsts.core}
	 * @param forbidden internal-name prefixes of the forbidden types, e.g.
	 * {@code jakarta/servlet/}
	 * @param exempt the classes (binary names) whose references are not checked
	 * @param violations where each reference found is added, as
	 * {@code class refers to type}
	 * @return how many classes were read (the exempt ones included)
	 */
	public static int scan(Class<?> member, String packageName, List<String> forbidden, Predicate<String> exempt,
			List<String> violations) throws IOException {
		Path location;
		try {
			location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
		String directory = packageName.replace('.', '/');
		if (Files.isDirectory(location)) {
			return scan(location.resolve(directory), packageName, forbidden, exempt, violations);
		}
		try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + location.toUri()), Map.of())) {
			return scan(jar.getPath(directory), packageName, forbidden, exempt, violations);
		}
	}

	/** Scans the class files under a directory; returns how many there were. */
	private static int scan(Path directory, String packageName, List<String> forbidden, Predicate<String> exempt,
			List<String> violations) throws IOException {
		List<Path> classFiles;
		try (Stream<Path> files = Files.walk(directory)) {
			classFiles = files.filter((file) -> file.toString().endsWith(".class")).sorted().toList();
		}
		for (Path classFile : classFiles) {
			String relative = directory.relativize(classFile).toString();
			String className = packageName + "." + relative.substring(0, relative.length() - ".class".length())
				.replace(classFile.getFileSystem().getSeparator(), ".");
			if (exempt.test(className)) {
				continue;
			}
			for (String type : forbiddenTypes(referencedNames(Files.readAllBytes(classFile)), forbidden)) {
				violations.add(className + " refers to " + type);
			}
		}
		return classFiles.size();
	}

	/**
	 * The texts of a class file's constant pool that can name types: class names,
	 * descriptors and signatures (every UTF-8 constant except those used only as string
	 * literals, which are text, not references).
	 */
	public static Set<String> referencedNames(byte[] classFile) throws IOException {
		DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
		assertThat(in.readInt()).as("class file magic").isEqualTo(0xCAFEBABE);
		in.readUnsignedShort();
		in.readUnsignedShort();
		int count = in.readUnsignedShort();
		String[] utf8 = new String[count];
		boolean[] literalOnly = new boolean[count];
		boolean[] usedOtherwise = new boolean[count];
		for (int index = 1; index < count; index++) {
			int tag = in.readUnsignedByte();
			switch (tag) {
				case CONSTANT_UTF8 -> utf8[index] = in.readUTF();
				case CONSTANT_STRING -> literalOnly[in.readUnsignedShort()] = true;
				case CONSTANT_CLASS, CONSTANT_METHOD_TYPE, CONSTANT_MODULE, CONSTANT_PACKAGE ->
					usedOtherwise[in.readUnsignedShort()] = true;
				case CONSTANT_NAME_AND_TYPE -> {
					usedOtherwise[in.readUnsignedShort()] = true;
					usedOtherwise[in.readUnsignedShort()] = true;
				}
				case CONSTANT_INTEGER, CONSTANT_FLOAT, CONSTANT_FIELDREF, CONSTANT_METHODREF,
						CONSTANT_INTERFACE_METHODREF, CONSTANT_DYNAMIC, CONSTANT_INVOKE_DYNAMIC ->
					in.readInt();
				case CONSTANT_LONG, CONSTANT_DOUBLE -> {
					in.readLong();
					// An eight-byte constant takes two entries.
					index++;
				}
				case CONSTANT_METHOD_HANDLE -> {
					in.readUnsignedByte();
					in.readUnsignedShort();
				}
				default -> throw new IllegalStateException("unknown constant pool tag " + tag + " at entry " + index);
			}
		}
		Set<String> names = new TreeSet<>();
		for (int index = 1; index < count; index++) {
			// Attribute names, descriptors and signatures of fields and methods are not
			// reached from other entries.
			if (utf8[index] != null && (!literalOnly[index] || usedOtherwise[index])) {
				names.add(utf8[index]);
			}
		}
		return names;
	}

	/**
	 * The forbidden types among class names ({@code jakarta/servlet/Filter}) and the
	 * types in descriptors and signatures ({@code (Ljakarta/servlet/Filter;)V}), as
	 * dotted names.
	 */
	public static Set<String> forbiddenTypes(Set<String> names, List<String> forbidden) {
		Set<String> types = new TreeSet<>();
		for (String name : names) {
			for (String prefix : forbidden) {
				if (name.startsWith(prefix)) {
					types.add(name.replace('/', '.'));
				}
				for (int at = name.indexOf("L" + prefix); at >= 0; at = name.indexOf("L" + prefix, at + 1)) {
					if (at > 0 && (Character.isJavaIdentifierPart(name.charAt(at - 1)) || name.charAt(at - 1) == '/')) {
						// Inside a name (dev/hsts/XLreactor/...), not the start of a type
						// in a descriptor.
						continue;
					}
					int end = at + 1;
					while (end < name.length() && ";<.".indexOf(name.charAt(end)) < 0) {
						end++;
					}
					types.add(name.substring(at + 1, end).replace('/', '.'));
				}
			}
		}
		return types;
	}

}
