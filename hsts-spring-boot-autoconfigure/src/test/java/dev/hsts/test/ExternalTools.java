package dev.hsts.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real programs the end-to-end tests drive (nginx, openssl, chromium, chromedriver,
 * certutil), shared by the samples' end-to-end tests. Where one is missing, the test is
 * skipped with a message saying what to install; under {@code CI=true} it fails instead,
 * so CI can never pass by skipping.
 */
public final class ExternalTools {

	private static final List<String> SEARCH_PATH = List.of("/usr/sbin", "/usr/bin", "/usr/local/bin",
			"/usr/local/sbin");

	private ExternalTools() {
	}

	/**
	 * Finds an executable.
	 * @param name the program
	 * @param debianPackage the Debian package that provides it
	 * @return its path
	 */
	public static Path require(String name, String debianPackage) {
		List<String> directories = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
		directories.addAll(SEARCH_PATH);
		for (String directory : directories) {
			if (!directory.isEmpty()) {
				Path candidate = Path.of(directory, name);
				if (Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		unavailable(name + " is not installed; install it with: apt-get install -y " + debianPackage);
		return null;
	}

	/** Skips the test with {@code message}, or fails it under CI. */
	public static void unavailable(String message) {
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			Assertions.fail(message + " (CI=true: a missing tool fails the run)");
		}
		Assumptions.abort(message);
	}

	/**
	 * Runs a command to completion.
	 * @param environment extra environment variables
	 * @param command the command
	 * @return its output (stdout and stderr)
	 */
	public static String run(Map<String, String> environment, String... command) {
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			builder.environment().putAll(environment);
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("Timed out: " + String.join(" ", command));
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(
						"Failed (" + process.exitValue() + "): " + String.join(" ", command) + "\n" + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + command[0], ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Waits until something accepts connections on {@code host:port}. */
	public static void awaitPort(String host, int port) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(host, port), 500);
				return;
			}
			catch (IOException ex) {
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
		throw new IllegalStateException("Nothing listens on " + host + ":" + port + " after 30 s");
	}

	/** A free TCP port on the loopback interface. */
	public static int freePort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
				java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
