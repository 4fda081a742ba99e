package dev.hsts.core;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy core is plain Java: no class of {@code dev.hsts.core} refers to the servlet
 * API, Spring Boot, Spring Security, Reactor, Micrometer or Spring's web server stacks.
 * Reads the constant pool of every compiled class of the package, so it sees every type a
 * class refers to: classes it uses, and the types in its field and method descriptors,
 * generic signatures, annotations and lambdas.
 */
class CoreLayeringTest {

	/** Internal-name prefixes of the types the core must not refer to. */
	private static final List<String> FORBIDDEN = List.of("jakarta/servlet/", "org/springframework/boot/",
			"org/springframework/security/", "reactor/", "io/micrometer/", "org/springframework/http/server/reactive/",
			"org/springframework/web/server/", "org/springframework/web/servlet/", "org/springframework/web/reactive/");

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

	@Test
	void coreClassesReferToNoWebStackFrameworkOrMetricsType() throws Exception {
		Path location = Path.of(HstsPolicy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		List<String> violations = new ArrayList<>();
		int classes = 0;
		if (Files.isDirectory(location)) {
			classes = scan(location.resolve("dev/hsts/core"), violations);
		}
		else {
			try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + location.toUri()), Map.of())) {
				classes = scan(jar.getPath("dev/hsts/core"), violations);
			}
		}
		assertThat(classes).as("compiled classes of dev.hsts.core found in %s", location).isGreaterThanOrEqualTo(15);
		assertThat(violations)
			.withFailMessage("Classes of dev.hsts.core refer to types the core must not depend on:%n  %s",
					String.join(String.format("%n  "), violations))
			.isEmpty();
	}

	@Test
	void findsTypesInClassNamesDescriptorsAndSignatures() {
		assertThat(forbiddenTypes(Set.of("jakarta/servlet/Filter"))).containsExactly("jakarta.servlet.Filter");
		assertThat(forbiddenTypes(Set.of("[Lreactor/core/publisher/Mono;")))
			.containsExactly("reactor.core.publisher.Mono");
		assertThat(forbiddenTypes(Set.of("(Ljava/lang/String;Lio/micrometer/core/instrument/MeterRegistry;)V")))
			.containsExactly("io.micrometer.core.instrument.MeterRegistry");
		assertThat(forbiddenTypes(Set.of("Ljava/util/List<Lorg/springframework/boot/Banner$Mode;>;")))
			.containsExactly("org.springframework.boot.Banner$Mode");
		assertThat(forbiddenTypes(Set.of("Lorg/springframework/web/servlet/Outer<TT;>.Inner;")))
			.containsExactly("org.springframework.web.servlet.Outer");
		assertThat(forbiddenTypes(Set.of("<T:Ljava/lang/Object;>(Ljava/util/List<+Ljakarta/servlet/Filter;>;)TT;")))
			.containsExactly("jakarta.servlet.Filter");
		assertThat(forbiddenTypes(Set.of("java/lang/String", "Lorg/springframework/util/Assert;",
				"(Lorg/springframework/http/HttpHeaders;)V", "org/springframework/web/util/UriUtils", "reactorish/Flux",
				"dev/hsts/XLreactor/Y")))
			.isEmpty();
	}

	/** Scans the class files under a directory; returns how many there were. */
	private static int scan(Path directory, List<String> violations) throws IOException {
		List<Path> classFiles;
		try (Stream<Path> files = Files.walk(directory)) {
			classFiles = files.filter((file) -> file.toString().endsWith(".class")).sorted().toList();
		}
		for (Path classFile : classFiles) {
			String relative = directory.relativize(classFile).toString();
			String className = "dev.hsts.core." + relative.substring(0, relative.length() - ".class".length())
				.replace(classFile.getFileSystem().getSeparator(), ".");
			for (String type : forbiddenTypes(referencedNames(Files.readAllBytes(classFile)))) {
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
	private static Set<String> referencedNames(byte[] classFile) throws IOException {
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
	private static Set<String> forbiddenTypes(Set<String> names) {
		Set<String> types = new TreeSet<>();
		for (String name : names) {
			for (String prefix : FORBIDDEN) {
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
