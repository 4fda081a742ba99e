package dev.hsts.benchmarks;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The start of the {@code startup} part of {@code benchmarks/run}: runs the {@code main}
 * method of the application class named by {@code -Dstart.main} and ends the JVM as soon
 * as it returns, that is when {@code SpringApplication.run} returned: the context
 * refreshed, the web server started, the application's {@code ApplicationReadyEvent}
 * listeners run (the starter's findings report among them). The JVM ends with
 * {@link Runtime#halt(int)}, so the shutdown hooks (closing the context) are not timed.
 * Loaded into the sample's jar by Boot's {@code PropertiesLauncher}, for the app with the
 * starter and the app without it alike.
 *
 * <p>
 * With {@code -Dstart.threads=<file>} it first writes the CPU time of each of the JVM's
 * threads then alive to that file (Linux only: {@code /proc/self/task}), one line per
 * thread: its name, a tab and its time on a CPU in nanoseconds ({@code schedstat}); and a
 * last line {@code (process)} with the whole process's CPU time ({@code stat}, in clock
 * ticks of 10 ms, threads that have ended included). {@code benchmarks/summarize.py}
 * sorts the threads by kind (the main thread, the JIT compilers, the garbage collector,
 * the rest): where a start's CPU goes, and where the starter's share of it goes.
 */
public final class StartAndExit {

	private StartAndExit() {
	}

	public static void main(String[] args) throws Throwable {
		Method main = Class.forName(System.getProperty("start.main")).getMethod("main", String[].class);
		try {
			main.invoke(null, (Object) args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
		String threads = System.getProperty("start.threads");
		if (threads != null) {
			writeThreadTimes(Paths.get(threads));
		}
		Runtime.getRuntime().halt(0);
	}

	private static void writeThreadTimes(Path file) throws IOException {
		StringBuilder out = new StringBuilder();
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Paths.get("/proc/self/task"))) {
			for (Path task : tasks) {
				try {
					String name = Files.readString(task.resolve("comm")).strip();
					String onCpu = Files.readString(task.resolve("schedstat")).strip().split(" ")[0];
					out.append(name.replace('\t', ' ')).append('\t').append(onCpu).append('\n');
				}
				catch (IOException ex) {
					// The thread ended while the directory was read: its time is in the
					// process's line.
				}
			}
		}
		// The fields after the command name, which is in parentheses and may hold spaces:
		// utime and stime are the 12th and 13th of them.
		String stat = Files.readString(Paths.get("/proc/self/stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		out.append("(process)\t").append(ticks * 10_000_000L).append('\n');
		Files.writeString(file, out);
	}

}
