package dev.hsts.core;

import java.util.Locale;

/** How the active HSTS stage is chosen. */
public enum HstsMode {

	/** HSTS is switched off: no header is sent. */
	DISABLED,

	/** A fixed stage ({@code hsts.rollout.stage}, stage 1 when nothing is configured). */
	PINNED,

	/** The stage follows the clock from {@code hsts.rollout.started-at}. */
	SCHEDULED,

	/** The kill switch: {@code max-age=0} on every secure response. */
	REVOKED;

	/**
	 * The name used in the actuator endpoint and in logs: {@code pinned},
	 * {@code scheduled}, ...
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
