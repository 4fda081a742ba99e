package dev.hsts.autoconfigure;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hsts.core.HstsPolicy;
import dev.hsts.core.PolicyHeader;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * The header writers the starter made from the configuration in one web stack's filter,
 * and how to make them again from a changed configuration: each is made by the same bean
 * method of the stack's auto-configuration, called on a new instance of it that holds the
 * new properties. A writer the application defines itself (a bean with the starter's bean
 * name) is the application's: kept as it is.
 *
 * @param <W> the web stack's writer type
 */
abstract class StarterWriters<W> {

	/**
	 * A header writer bean of the starter, the settings it is made from (relative to the
	 * configuration) and the switch that turns it on ({@code null}: always made).
	 */
	record Slot(String beanName, String setting, SecurityHeader header) {

		// Written out: a record's own equals and hashCode are bootstrapped through
		// method handles the first time they run, while the application starts.
		@Override
		public boolean equals(Object other) {
			return other instanceof Slot slot && slot.beanName.equals(this.beanName)
					&& slot.setting.equals(this.setting) && slot.header == this.header;
		}

		@Override
		public int hashCode() {
			return this.beanName.hashCode();
		}

	}

	/** In the order the writers run (the beans' {@code @Order}; HSTS has none). */
	static final List<Slot> SLOTS = List.of(
			new Slot("contentTypeOptionsHeaderWriter", "content-type-options", SecurityHeader.CONTENT_TYPE_OPTIONS),
			new Slot("frameOptionsHeaderWriter", "frame-options", SecurityHeader.FRAME_OPTIONS),
			new Slot("referrerPolicyHeaderWriter", "referrer-policy", SecurityHeader.REFERRER_POLICY),
			new Slot("permissionsPolicyHeaderWriter", "permissions-policy", SecurityHeader.PERMISSIONS_POLICY),
			new Slot("contentSecurityPolicyHeaderWriter", "content-security-policy",
					SecurityHeader.CONTENT_SECURITY_POLICY),
			new Slot("crossOriginOpenerPolicyHeaderWriter", "cross-origin-opener-policy",
					SecurityHeader.CROSS_ORIGIN_OPENER_POLICY),
			new Slot("crossOriginResourcePolicyHeaderWriter", "cross-origin-resource-policy",
					SecurityHeader.CROSS_ORIGIN_RESOURCE_POLICY),
			new Slot("crossOriginEmbedderPolicyHeaderWriter", "cross-origin-embedder-policy",
					SecurityHeader.CROSS_ORIGIN_EMBEDDER_POLICY),
			new Slot("originAgentClusterHeaderWriter", "origin-agent-cluster", SecurityHeader.ORIGIN_AGENT_CLUSTER),
			new Slot("permittedCrossDomainPoliciesHeaderWriter", "permitted-cross-domain-policies",
					SecurityHeader.PERMITTED_CROSS_DOMAIN_POLICIES),
			new Slot("dnsPrefetchControlHeaderWriter", "dns-prefetch-control", SecurityHeader.DNS_PREFETCH_CONTROL),
			new Slot("xssProtectionHeaderWriter", "xss-protection", SecurityHeader.XSS_PROTECTION),
			new Slot("cacheControlHeaderWriter", "cache-control", SecurityHeader.CACHE_CONTROL),
			new Slot(SecurityHeadersAutoConfiguration.HSTS_HEADER_WRITER_BEAN_NAME, "hsts", null));

	private static final Slot HSTS = SLOTS.get(SLOTS.size() - 1);

	/**
	 * The starter's slots and the writer each has in the filter now ({@code null}: off,
	 * nothing in the filter).
	 */
	private final Map<Slot, W> current = new LinkedHashMap<>();

	/**
	 * The slots whose header the application decides, each with the application's bean
	 * that does ("its own 'frameOptionsHeaderWriter' bean").
	 */
	private final Map<Slot, String> applications = new HashMap<>();

	/**
	 * @param beanFactory the bean factory, once the filter is made
	 * @param autoConfiguration the auto-configuration whose bean methods make the writers
	 * @param writerType the web stack's writer type
	 */
	StarterWriters(ConfigurableListableBeanFactory beanFactory, Class<?> autoConfiguration, Class<W> writerType) {
		for (Slot slot : SLOTS) {
			String owner = (slot == HSTS) ? hstsOwner(beanFactory, autoConfiguration) : null;
			if (owner != null) {
				this.applications.put(slot, owner);
			}
			else if (!beanFactory.containsBean(slot.beanName())) {
				// The header was off at startup: a refresh may switch it on.
				this.current.put(slot, null);
			}
			else if (madeBy(beanFactory, slot.beanName(), autoConfiguration)) {
				Object bean = beanFactory.getBean(slot.beanName());
				this.current.put(slot, writerType.isInstance(bean) ? writerType.cast(bean) : null);
			}
			else {
				this.applications.put(slot, "its own '" + slot.beanName() + "' bean");
			}
		}
	}

	/**
	 * Who decides the HSTS header when the application does: its own {@link HstsPolicy}
	 * bean (of any name), or its own HSTS writer, which the starter's backs off for by
	 * name or by type (so a missing {@code hstsHeaderWriter} is never a header that is
	 * off).
	 * @return the application's bean, or {@code null} when the starter makes both
	 */
	private static String hstsOwner(ConfigurableListableBeanFactory beanFactory, Class<?> autoConfiguration) {
		for (String name : beanFactory.getBeanNamesForType(HstsPolicy.class, false, false)) {
			if (!madeBy(beanFactory, name, autoConfiguration)) {
				return "its own HstsPolicy bean '" + name + "'";
			}
		}
		String writer = HSTS.beanName();
		if (!beanFactory.containsBean(writer)) {
			return "its own HSTS writer bean in place of '" + writer + "'";
		}
		return madeBy(beanFactory, writer, autoConfiguration) ? null : "its own '" + writer + "' bean";
	}

	private static boolean madeBy(ConfigurableListableBeanFactory beanFactory, String beanName,
			Class<?> autoConfiguration) {
		try {
			BeanDefinition definition = beanFactory.getMergedBeanDefinition(beanName);
			String factory = definition.getFactoryBeanName();
			return factory != null && beanFactory.containsBean(factory)
					&& autoConfiguration.equals(beanFactory.getType(factory));
		}
		catch (NoSuchBeanDefinitionException ex) {
			return false;
		}
	}

	/** The writers the filter applies now, in order. */
	abstract List<W> writers();

	/** Replaces the filter's writers, as one set. */
	abstract void setWriters(List<W> writers);

	/**
	 * Makes, from the new configuration, what the stack applies besides its writers (the
	 * named policies), validating it; applied with the writers by
	 * {@link #setWriters(List, Object)}.
	 * @param properties the new properties
	 * @return what to apply, or {@code null} for nothing
	 */
	Object prepareMore(SecurityHeadersProperties properties) {
		return null;
	}

	/**
	 * Replaces the filter's writers and applies what {@link #prepareMore} made, as one.
	 * @param writers the writers
	 * @param more what {@link #prepareMore} made, or {@code null}
	 */
	void setWriters(List<W> writers, Object more) {
		setWriters(writers);
	}

	/**
	 * Makes a slot's writer with the stack's bean method.
	 * @param slot the slot
	 * @param properties the new properties
	 * @param hsts the new HSTS policy
	 * @return the writer
	 */
	abstract W create(Slot slot, SecurityHeadersProperties properties, HstsPolicy hsts);

	/**
	 * Whether a change of a key would be applied: a key of a header the starter writes
	 * from the configuration (or of no header: validation decides).
	 * @param key a full property name
	 * @return whether the starter applies it
	 */
	boolean owns(String key) {
		return ownerOf(key) == null;
	}

	/**
	 * The application's own bean that makes a key's changes moot.
	 * @param key a full property name
	 * @return the bean, as in "the application defines ...", or {@code null} when the
	 * starter writes the header from the configuration
	 */
	String ownerOf(String key) {
		for (Map.Entry<Slot, String> application : this.applications.entrySet()) {
			String property = PropertyNames.of(application.getKey().setting());
			if (key.equals(property) || key.startsWith(property + ".") || key.startsWith(property + "[")) {
				return application.getValue();
			}
		}
		return null;
	}

	/**
	 * The headers whose writer is the starter's, which named policies decide (a header
	 * the application writes with a writer bean of its own stays the application's).
	 * @return the headers
	 */
	Set<PolicyHeader> policyHeaders() {
		Set<PolicyHeader> decided = EnumSet.noneOf(PolicyHeader.class);
		for (PolicyHeader header : PolicyHeader.values()) {
			boolean starters = (header == PolicyHeader.STRICT_TRANSPORT_SECURITY) ? ownsHsts()
					: owns(PropertyNames.of(header.setting()));
			if (starters) {
				decided.add(header);
			}
		}
		return decided;
	}

	/** Whether the starter makes the HSTS writer and its policy. */
	boolean ownsHsts() {
		return !this.applications.containsKey(HSTS);
	}

	/**
	 * Makes every writer of the starter from the new configuration (which validates it),
	 * without applying them yet.
	 * @param properties the new properties
	 * @param hsts the new HSTS policy
	 * @param environment the environment with the new configuration (for the switches)
	 * @return the writers, ready to swap in
	 */
	Prepared<W> prepare(SecurityHeadersProperties properties, HstsPolicy hsts, Environment environment) {
		Map<Slot, W> made = new LinkedHashMap<>();
		for (Slot slot : this.current.keySet()) {
			boolean on = slot.header() == null || slot.header().isOn(environment);
			made.put(slot, on ? create(slot, properties, hsts) : null);
		}
		return new Prepared<>(this, made, prepareMore(properties));
	}

	/** The new writers of the starter's slots, ready to swap in. */
	static final class Prepared<W> {

		private final StarterWriters<W> writers;

		private final Map<Slot, W> made;

		private final Object more;

		private Prepared(StarterWriters<W> writers, Map<Slot, W> made, Object more) {
			this.writers = writers;
			this.made = made;
			this.more = more;
		}

		/**
		 * Swaps the new writers in: each of the starter's writers in the filter is
		 * replaced by its new one (or removed when its header is now off), a header that
		 * is now on gets its writer next to the starter's writers around it, and every
		 * other writer stays where it is.
		 */
		void swap() {
			Map<W, Slot> slotOf = new IdentityHashMap<>();
			this.writers.current.forEach((slot, writer) -> {
				if (writer != null) {
					slotOf.put(writer, slot);
				}
			});
			List<W> next = new ArrayList<>();
			List<Slot> placed = new ArrayList<>();
			List<Slot> slotAt = new ArrayList<>();
			for (W writer : this.writers.writers()) {
				Slot slot = slotOf.get(writer);
				if (slot == null) {
					next.add(writer);
					slotAt.add(null);
				}
				else {
					placed.add(slot);
					W replacement = this.made.get(slot);
					if (replacement != null) {
						next.add(replacement);
						slotAt.add(slot);
					}
				}
			}
			// A writer of the starter that the filter did not apply (a filter the
			// application
			// made with writers of its choosing) stays out, from now on too.
			this.writers.current.forEach((slot, writer) -> {
				if (writer != null && !placed.contains(slot)) {
					this.writers.applications.put(slot,
							"its own filter, without the starter's '" + slot.beanName() + "' bean among its writers");
				}
			});
			this.writers.current.keySet().removeAll(this.writers.applications.keySet());
			this.made.forEach((slot, writer) -> {
				if (writer != null && this.writers.current.containsKey(slot)
						&& this.writers.current.get(slot) == null) {
					int at = insertionPoint(slotAt, slot);
					next.add(at, writer);
					slotAt.add(at, slot);
				}
			});
			this.writers.setWriters(next, this.more);
			this.made.forEach((slot, writer) -> {
				if (this.writers.current.containsKey(slot)) {
					this.writers.current.put(slot, writer);
				}
			});
		}

		/**
		 * After the last of the starter's writers that runs before the slot, else before
		 * the first that runs after it, else last.
		 */
		private static int insertionPoint(List<Slot> slotAt, Slot slot) {
			int order = SLOTS.indexOf(slot);
			int after = -1;
			int before = -1;
			for (int i = 0; i < slotAt.size(); i++) {
				Slot other = slotAt.get(i);
				if (other != null) {
					if (SLOTS.indexOf(other) < order) {
						after = i;
					}
					else if (before < 0) {
						before = i;
					}
				}
			}
			if (after >= 0) {
				return after + 1;
			}
			return (before >= 0) ? before : slotAt.size();
		}

	}

}
