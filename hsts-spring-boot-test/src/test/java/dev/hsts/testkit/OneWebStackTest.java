package dev.hsts.testkit;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A test with neither Spring MVC nor WebFlux (nor the servlet API, Reactor, or
 * spring-test's MockMvc, WebTestClient and RestTestClient packages) on its class path
 * still uses {@code SecurityHeadersAssertions.assertThat} for the clients it has: the kit
 * and the user's code ({@link OneStackUser}) are loaded by a class loader that cannot see
 * those packages.
 */
class OneWebStackTest {

	private static final List<String> HIDDEN = List.of("org.springframework.web.reactive.",
			"org.springframework.web.servlet.", "org.springframework.test.web.servlet.",
			"org.springframework.test.web.reactive.", "org.springframework.http.client.reactive.", "jakarta.servlet.",
			"reactor.");

	@Test
	void assertionsWorkWithoutTheOtherClientsOnTheClassPath() throws Exception {
		try (HidingClassLoader loader = new HidingClassLoader()) {
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> loader.loadClass("org.springframework.test.web.servlet.assertj.MvcTestResult"));
			Class<?> user = loader.loadClass(OneStackUser.class.getName());
			assertThat(user.getClassLoader()).isSameAs(loader);
			Runnable run = (Runnable) user.getDeclaredConstructor().newInstance();
			run.run();
		}
	}

	/** Child-first over the test's class path, without the hidden packages. */
	static final class HidingClassLoader extends URLClassLoader {

		HidingClassLoader() throws MalformedURLException {
			super(classPath(), ClassLoader.getPlatformClassLoader());
		}

		private static URL[] classPath() throws MalformedURLException {
			List<URL> urls = new ArrayList<>();
			for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
				urls.add(new File(entry).toURI().toURL());
			}
			return urls.toArray(new URL[0]);
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			for (String hidden : HIDDEN) {
				if (name.startsWith(hidden)) {
					throw new ClassNotFoundException(name + " (hidden)");
				}
			}
			return super.loadClass(name, resolve);
		}

	}

}
