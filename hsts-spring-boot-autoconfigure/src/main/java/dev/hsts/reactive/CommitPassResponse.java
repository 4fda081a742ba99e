package dev.hsts.reactive;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ZeroCopyHttpOutputMessage;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

/**
 * The server's response as {@link SecurityHeadersHttpHandlerDecorator} hands it to
 * WebFlux: it runs the commit pass of {@link SecurityHeadersWebFilter} when the response
 * is about to commit (its body is handed over with {@code writeWith} or
 * {@code writeAndFlushWith}, or it is completed with {@code setComplete}), before the
 * response's own {@code beforeCommit} actions, instead of as one of them.
 *
 * <p>
 * Registering any {@code beforeCommit} action sends a Spring response down its general
 * commit path (a {@code Flux.concat} of the actions): about 0.5 µs and 1 KB per request
 * measured on the mock exchange (BENCHMARKS.md), on an application where nothing else
 * registers one. Every way a WebFlux response commits goes through one of these methods
 * of the exchange's response, which is this one or a decorator of it ({@code HEAD}
 * included): handler results, error handlers, {@code HttpWebHandlerAdapter}'s final
 * {@code setComplete}, and the WebSocket upgrade, which completes the response before it
 * takes the native one. Where the server's response takes a file without copying it
 * ({@link ZeroCopyHttpOutputMessage}), this one does too ({@link ZeroCopy}).
 *
 * <p>
 * The pass runs when the body is handed over; Spring commits the response when the body's
 * first buffer is ready. Where the body fails before that, the response does not commit,
 * and an error response follows: the pass then runs again, as a {@code beforeCommit}
 * action of the server's response, so that it sees what the error handling wrote. A pass
 * that fails, or returns work still to do, is handed to the server's response as a
 * {@code beforeCommit} action too, so the response fails as it would have with the pass
 * registered there: its content headers cleared, the error passed on.
 *
 * <p>
 * Being the starter's own object for one exchange, it also keeps the exchange's
 * trusted-host verdict for {@link TrustedHostExchangeCheck}, in a field instead of an
 * exchange attribute.
 */
class CommitPassResponse extends ServerHttpResponseDecorator {

	/**
	 * The pass claimed for this response, kept after it ran in case the response does not
	 * commit then; {@code null} when there is none, or nothing more to do.
	 */
	private Supplier<? extends Mono<Void>> pass;

	private boolean claimed;

	/** Whether {@link #pass} ran. */
	private boolean ran;

	/**
	 * The exchange's trusted-host verdict once worked out: a {@code RejectionReason}, or
	 * {@link Boolean#TRUE}; {@code null} before.
	 */
	private Object hostVerdict;

	CommitPassResponse(ServerHttpResponse delegate) {
		super(delegate);
	}

	/**
	 * The server's response, decorated.
	 * @param response the server's response
	 * @return a {@link ZeroCopy} where the response is a
	 * {@link ZeroCopyHttpOutputMessage}
	 */
	static CommitPassResponse of(ServerHttpResponse response) {
		return (response instanceof ZeroCopyHttpOutputMessage) ? new ZeroCopy(response)
				: new CommitPassResponse(response);
	}

	/**
	 * This response among an exchange's response and the responses it decorates.
	 * @param response the exchange's response
	 * @return this response, or {@code null} when the exchange's response is not built on
	 * one (an application without {@link SecurityHeadersHttpHandlerDecorator}, a mock
	 * exchange)
	 */
	static CommitPassResponse in(ServerHttpResponse response) {
		ServerHttpResponse candidate = response;
		while (candidate instanceof ServerHttpResponseDecorator decorator) {
			if (decorator instanceof CommitPassResponse ours) {
				return ours;
			}
			candidate = decorator.getDelegate();
		}
		return null;
	}

	/**
	 * Runs {@code pass} just before this response commits; only the first pass claimed is
	 * run here.
	 * @param pass the commit pass
	 * @return whether it will run here; otherwise the caller registers it with
	 * {@code beforeCommit}
	 */
	boolean claim(Supplier<? extends Mono<Void>> pass) {
		if (this.claimed || isCommitted()) {
			return false;
		}
		this.claimed = true;
		this.pass = pass;
		return true;
	}

	/**
	 * The exchange's trusted-host verdict, as {@link TrustedHostExchangeCheck} kept it.
	 * @return a {@code RejectionReason}, {@link Boolean#TRUE}, or {@code null} when not
	 * worked out yet
	 */
	Object hostVerdict() {
		return this.hostVerdict;
	}

	/**
	 * Keeps the exchange's trusted-host verdict.
	 * @param verdict a {@code RejectionReason}, or {@link Boolean#TRUE}
	 */
	void hostVerdict(Object verdict) {
		this.hostVerdict = verdict;
	}

	@Override
	public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
		runPass();
		return getDelegate().writeWith(body);
	}

	@Override
	public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
		runPass();
		return getDelegate().writeAndFlushWith(body);
	}

	@Override
	public Mono<Void> setComplete() {
		runPass();
		return getDelegate().setComplete();
	}

	final void runPass() {
		Supplier<? extends Mono<Void>> pass = this.pass;
		if (pass == null) {
			return;
		}
		if (this.ran) {
			if (!isCommitted()) {
				// An earlier body failed before the response committed (an error
				// response follows): the pass runs again when this one commits, as a
				// commit action would have run only then.
				this.pass = null;
				getDelegate().beforeCommit(pass);
			}
			return;
		}
		this.ran = true;
		if (isCommitted()) {
			this.pass = null;
			return;
		}
		Mono<Void> rest;
		try {
			rest = pass.get();
		}
		catch (RuntimeException | Error ex) {
			rest = Mono.error(ex);
		}
		if (rest != Mono.<Void>empty()) {
			this.pass = null;
			Mono<Void> then = rest;
			getDelegate().beforeCommit(() -> then);
		}
	}

	/** For a server's response that takes a file without copying it. */
	static final class ZeroCopy extends CommitPassResponse implements ZeroCopyHttpOutputMessage {

		ZeroCopy(ServerHttpResponse delegate) {
			super(delegate);
		}

		@Override
		public Mono<Void> writeWith(Path file, long position, long count) {
			runPass();
			return ((ZeroCopyHttpOutputMessage) getDelegate()).writeWith(file, position, count);
		}

	}

}
