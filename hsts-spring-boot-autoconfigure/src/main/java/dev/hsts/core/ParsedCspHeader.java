package dev.hsts.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The Content Security Policies of one response header (see {@link CspHeaderParser}): one
 * per comma-separated part of each field. A browser applies all of them: a resource must
 * pass each.
 *
 * @param fieldValues the field values as received
 * @param policies the policies, in order (those with no directive dropped)
 * @param notes what the browser ignores at the header level (an empty policy), possibly
 * empty
 */
public record ParsedCspHeader(List<String> fieldValues, List<CspPolicyReading> policies, List<String> notes) {

	/**
	 * Whether there is no policy at all.
	 * @return whether no policy applies
	 */
	public boolean isEmpty() {
		return this.policies.isEmpty();
	}

	/**
	 * Every note: the header's, then each policy's and each directive's.
	 * @return the notes
	 */
	public List<String> allNotes() {
		List<String> all = new ArrayList<>(this.notes);
		for (CspPolicyReading policy : this.policies) {
			all.addAll(policy.notes());
			for (CspDirective directive : policy.directives()) {
				all.addAll(directive.notes());
			}
		}
		return all;
	}

}
