package dev.hsts.autoconfigure;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The clock of the starter's beans: the application's {@link Clock} bean where it has
 * exactly one, otherwise the system clock in UTC.
 *
 * <p>
 * One method instead of {@code clock.getIfUnique(Clock::systemUTC)} in every bean method:
 * each method reference is a class of its own, spun while the context starts (issue 21).
 */
final class StarterClock {

	private StarterClock() {
	}

	/**
	 * The clock.
	 * @param clock the application's clock beans
	 * @return the application's clock, or the system clock in UTC
	 */
	static Clock of(ObjectProvider<Clock> clock) {
		Clock unique = clock.getIfUnique();
		return (unique != null) ? unique : Clock.systemUTC();
	}

}
