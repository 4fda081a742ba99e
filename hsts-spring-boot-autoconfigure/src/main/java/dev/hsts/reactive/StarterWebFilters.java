package dev.hsts.reactive;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The starter's WebFilters that sit next to each other in an application's filter chain,
 * run by one entry of that chain: {@link SecurityHeadersWebFilter},
 * {@link CspReportWebFilter}, {@link TrustedHostWebFilter} and
 * {@link HttpsRedirectWebFilter}, in the chain's order, each doing exactly what it does
 * as an entry of its own.
 *
 * <p>
 * Spring's {@code DefaultWebFilterChain} calls {@code WebFilter.filter} on each entry
 * from one place and wraps each entry's {@code Mono} in a Reactor checkpoint, on every
 * request. With the starter's three filters as entries of their own, an application with
 * one filter of its own has four classes at that call (too many for the JIT to inline it)
 * and each request passes two checkpoints more; run as one entry, the three cost the
 * chain what one filter costs.
 *
 * <p>
 * The starter's auto-configuration applies {@link #combineAdjacent(List)} to the filter
 * list of the application's {@code HttpHandler} (a
 * {@code WebHttpHandlerBuilderCustomizer} of Spring Boot); an application that builds its
 * own {@code WebHttpHandlerBuilder} can call it too. The filter beans themselves are left
 * as they are: a chain built from the same context without it runs each as an entry of
 * its own.
 */
public final class StarterWebFilters implements WebFilter, Ordered {

	/** The filters, in the chain's order. */
	private final WebFilter[] filters;

	private final int order;

	private final String name;

	private StarterWebFilters(List<WebFilter> filters, int order) {
		this.filters = filters.toArray(new WebFilter[0]);
		this.order = order;
		StringBuilder name = new StringBuilder(StarterWebFilters.class.getName()).append(" [");
		for (int i = 0; i < this.filters.length; i++) {
			name.append((i > 0) ? ", " : "").append(this.filters[i].getClass().getName());
		}
		this.name = name.append(']').toString();
	}

	/**
	 * Replaces each run of two or more of the starter's filters that sit next to each
	 * other in a filter chain by one {@code StarterWebFilters} that runs them in the same
	 * order. Only the starter's own {@code filter} methods are combined: a filter whose
	 * class overrides {@code filter} (a subclass of the application's) stays an entry of
	 * its own, and so does every other filter, which also keeps the starter's filters on
	 * either side of it apart. A filter of the application that the chain's order puts
	 * between two of the starter's therefore still runs between them.
	 * @param filters the filters of a chain, in the chain's order (as a
	 * {@code WebHttpHandlerBuilder} holds them); changed in place
	 * @return whether any filters were combined
	 */
	public static boolean combineAdjacent(List<WebFilter> filters) {
		boolean combined = false;
		int i = 0;
		while (i < filters.size()) {
			int end = i;
			while (end < filters.size() && combinable(filters.get(end))) {
				end++;
			}
			if (end - i >= 2) {
				List<WebFilter> run = filters.subList(i, end);
				WebFilter one = new StarterWebFilters(new ArrayList<>(run), orderOf(run.get(0)));
				run.clear();
				filters.add(i, one);
				combined = true;
				i++;
			}
			else {
				i = Math.max(end, i + 1);
			}
		}
		return combined;
	}

	/**
	 * Whether a filter is one of the starter's whose {@code filter} method is the
	 * starter's own: the class that declares it is one of the four.
	 */
	static boolean combinable(WebFilter filter) {
		Class<?> declaring = ClassUtils
			.getMethod(filter.getClass(), "filter", ServerWebExchange.class, WebFilterChain.class)
			.getDeclaringClass();
		return declaring == SecurityHeadersWebFilter.class || declaring == TrustedHostWebFilter.class
				|| declaring == HttpsRedirectWebFilter.class || declaring == CspReportWebFilter.class;
	}

	private static int orderOf(WebFilter filter) {
		return (filter instanceof Ordered ordered) ? ordered.getOrder() : Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerWebExchange current = exchange;
		for (WebFilter filter : this.filters) {
			if (filter instanceof SecurityHeadersWebFilter headers) {
				current = headers.beforeChain(current);
			}
			else {
				Mono<Void> answer = answer(filter, current);
				if (answer != null) {
					return answer;
				}
			}
		}
		return chain.filter(current);
	}

	/**
	 * What one of the filters that may answer an exchange does with it.
	 * @return its answer, or {@code null} when it passes the exchange on
	 */
	private static Mono<Void> answer(WebFilter filter, ServerWebExchange exchange) {
		if (filter instanceof TrustedHostWebFilter hosts) {
			return hosts.refusal(exchange);
		}
		if (filter instanceof HttpsRedirectWebFilter redirect) {
			return redirect.redirect(exchange);
		}
		return ((CspReportWebFilter) filter).reply(exchange);
	}

	/**
	 * The filters run by this entry.
	 * @return the filters, in the order they run
	 */
	public List<WebFilter> getFilters() {
		return List.of(this.filters);
	}

	/**
	 * The order of the first of the filters, where the chain had them; another
	 * {@code WebHttpHandlerBuilder} customizer that sorts the chain again keeps them
	 * there.
	 */
	@Override
	public int getOrder() {
		return this.order;
	}

	/**
	 * This class's name and those of the filters it runs, made once: Spring Framework 7's
	 * {@code DefaultWebFilterChain} names each entry it runs in a Reactor checkpoint by
	 * its {@code toString()}, on every request.
	 * @return the name
	 */
	@Override
	public String toString() {
		return this.name;
	}

}
