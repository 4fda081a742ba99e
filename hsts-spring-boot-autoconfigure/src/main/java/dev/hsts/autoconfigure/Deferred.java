package dev.hsts.autoconfigure;

import java.util.List;
import java.util.function.Supplier;

import dev.hsts.core.Finding;

import org.springframework.beans.factory.ObjectProvider;

/**
 * What a bean asks for later, when it needs it: another bean, or the findings.
 *
 * <p>
 * One class for what would otherwise be a method reference in each bean method
 * ({@code endpoint::getIfAvailable}, {@code meterRegistry::getIfUnique},
 * {@code findings::findings}): each of those is a class of its own, spun while the
 * context starts (issue 21).
 *
 * @param <T> what is supplied
 */
final class Deferred<T> implements Supplier<T> {

	private static final int IF_AVAILABLE = 0;

	private static final int IF_UNIQUE = 1;

	private static final int FINDINGS = 2;

	private final int what;

	private final Object source;

	private Deferred(int what, Object source) {
		this.what = what;
		this.source = source;
	}

	/**
	 * The bean, if there is one ({@link ObjectProvider#getIfAvailable()}), when asked.
	 * @param <T> the bean's type
	 * @param provider the bean's provider
	 * @return the supplier
	 */
	static <T> Supplier<T> ifAvailable(ObjectProvider<T> provider) {
		return new Deferred<>(IF_AVAILABLE, provider);
	}

	/**
	 * The bean, if there is exactly one ({@link ObjectProvider#getIfUnique()}), when
	 * asked.
	 * @param <T> the bean's type
	 * @param provider the bean's provider
	 * @return the supplier
	 */
	static <T> Supplier<T> ifUnique(ObjectProvider<T> provider) {
		return new Deferred<>(IF_UNIQUE, provider);
	}

	/**
	 * The findings as they are when asked ({@link SecurityHeadersFindings#findings()}).
	 * @param findings the findings
	 * @return the supplier
	 */
	static Supplier<List<Finding>> findings(SecurityHeadersFindings findings) {
		return new Deferred<>(FINDINGS, findings);
	}

	@Override
	@SuppressWarnings("unchecked")
	public T get() {
		if (this.what == FINDINGS) {
			return (T) ((SecurityHeadersFindings) this.source).findings();
		}
		ObjectProvider<T> provider = (ObjectProvider<T>) this.source;
		return (this.what == IF_UNIQUE) ? provider.getIfUnique() : provider.getIfAvailable();
	}

}
