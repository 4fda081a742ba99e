package dev.hsts.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The start of the {@code startup} part of {@code benchmarks/run}: runs the {@code main}
 * method of the application class named by {@code -Dstart.main} and ends the JVM as soon
 * as it returns, that is when {@code SpringApplication.run} returned: the context
 * refreshed, the web server started, the application's {@code ApplicationReadyEvent}
 * listeners run (the starter's findings report among them). The JVM ends with
 * {@link Runtime#halt(int)}, so the shutdown hooks (closing the context) are not timed.
 * Loaded into the sample's jar by Boot's {@code PropertiesLauncher}, for the app with the
 * starter and the app without it alike.
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
		Runtime.getRuntime().halt(0);
	}

}
