package dev.hsts.reactive;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ZeroCopyHttpOutputMessage;
import org.springframework.http.server.reactive.HttpHeadResponseDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link CommitPassResponse}, the response {@link SecurityHeadersHttpHandlerDecorator}
 * hands WebFlux: the commit pass claimed on it runs once, when the response is about to
 * commit, before the server response's own {@code beforeCommit} actions, however the
 * response commits, and again for the error response where a body failed before the
 * response committed; a pass that fails fails the response exactly as the same pass
 * registered with {@code beforeCommit} does; the decorator keeps zero-copy file writes.
 * (That the servers' responses are built on it, and what they send, is
 * {@link CommitPassOverTlsTest}.)
 */
class CommitPassResponseTest {

	private static final byte[] BODY = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);

	/** The ways a response commits. */
	enum Commit {

		WRITE_WITH((response) -> response.writeWith(Mono.just(body()))),

		WRITE_AND_FLUSH_WITH((response) -> response.writeAndFlushWith(Mono.just(Mono.just(body())))),

		SET_COMPLETE(ServerHttpResponse::setComplete);

		final Function<ServerHttpResponse, Mono<Void>> commit;

		Commit(Function<ServerHttpResponse, Mono<Void>> commit) {
			this.commit = commit;
		}

	}

	@ParameterizedTest
	@EnumSource(Commit.class)
	void theClaimedPassRunsOnceBeforeTheResponsesOwnActions(Commit commit) {
		MockServerHttpResponse server = new MockServerHttpResponse();
		List<String> order = new ArrayList<>();
		server.beforeCommit(() -> {
			order.add("server action, X-Frame-Options " + server.getHeaders().getFirst("X-Frame-Options"));
			return Mono.empty();
		});
		CommitPassResponse response = CommitPassResponse.of(server);
		assertThat(response.claim(() -> {
			order.add("pass, committed " + server.isCommitted());
			server.getHeaders().set("X-Frame-Options", "DENY");
			return Mono.empty();
		})).isTrue();
		assertThat(order).isEmpty();
		commit.commit.apply(response).block();
		response.setComplete().block();
		assertThat(order).containsExactly("pass, committed false", "server action, X-Frame-Options DENY");
		assertThat(server.isCommitted()).isTrue();
		assertThat(ExchangeHeaders.lines(server.getHeaders(), "x-frame-options")).containsExactly("DENY");
	}

	@Test
	void onlyTheFirstPassIsClaimedAndNoneOnceCommitted() {
		MockServerHttpResponse server = new MockServerHttpResponse();
		CommitPassResponse response = CommitPassResponse.of(server);
		Supplier<Mono<Void>> pass = Mono::empty;
		assertThat(response.claim(pass)).isTrue();
		assertThat(response.claim(pass)).isFalse();
		CommitPassResponse committed = CommitPassResponse.of(server);
		server.setComplete().block();
		assertThat(committed.claim(pass)).isFalse();
	}

	@Test
	void aPassClaimedOnACommittedResponseDoesNotRun() {
		MockServerHttpResponse server = new MockServerHttpResponse();
		CommitPassResponse response = CommitPassResponse.of(server);
		List<String> ran = new ArrayList<>();
		response.claim(() -> {
			ran.add("pass");
			return Mono.empty();
		});
		// Committed underneath it, as by someone holding the server's response.
		server.setComplete().block();
		response.setComplete().block();
		assertThat(ran).isEmpty();
	}

	@Test
	void aFailingPassFailsTheResponseAsTheSameBeforeCommitActionDoes() {
		MockServerHttpResponse viaBeforeCommit = new MockServerHttpResponse();
		contentHeaders(viaBeforeCommit);
		viaBeforeCommit.beforeCommit(CommitPassResponseTest::failingPass);
		assertThatIllegalStateException().isThrownBy(() -> viaBeforeCommit.writeWith(Mono.just(body())).block())
			.withMessage("the pass failed");

		MockServerHttpResponse server = new MockServerHttpResponse();
		contentHeaders(server);
		CommitPassResponse response = CommitPassResponse.of(server);
		response.claim(CommitPassResponseTest::failingPass);
		assertThatIllegalStateException().isThrownBy(() -> response.writeWith(Mono.just(body())).block())
			.withMessage("the pass failed");

		assertThat(server.getHeaders().toSingleValueMap()).isEqualTo(viaBeforeCommit.getHeaders().toSingleValueMap())
			.doesNotContainKey("Content-Type");
		assertThat(server.isCommitted()).isEqualTo(viaBeforeCommit.isCommitted());
		// Either way the error handler can still answer, without the pass.
		server.setStatusCode(HttpStatus.INTERNAL_SERVER_ERROR);
		response.setComplete().block();
		assertThat(server.isCommitted()).isTrue();
		assertThat(server.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void aBodyThatFailsBeforeTheResponseCommitsLeavesThePassToTheErrorResponse(boolean monoBody) {
		MockServerHttpResponse server = new MockServerHttpResponse();
		CommitPassResponse response = CommitPassResponse.of(server);
		List<String> ran = new ArrayList<>();
		response.claim(() -> {
			ran.add("pass, committed " + server.isCommitted() + ", X-Error " + server.getHeaders().getFirst("X-Error"));
			return Mono.empty();
		});
		IllegalStateException failure = new IllegalStateException("the body failed");
		Mono<Void> write = monoBody ? response.writeWith(Mono.error(failure)) : response.writeWith(Flux.error(failure));
		assertThatIllegalStateException().isThrownBy(write::block).withMessage("the body failed");
		assertThat(server.isCommitted()).isFalse();
		// The error handling writes its response.
		server.setStatusCode(HttpStatus.INTERNAL_SERVER_ERROR);
		server.getHeaders().set("X-Error", "handled");
		response.writeWith(Mono.just(body())).block();
		// The second time as a commit action of the server's response, which counts as
		// committing then.
		assertThat(ran).containsExactly("pass, committed false, X-Error null", "pass, committed true, X-Error handled");
		assertThat(server.isCommitted()).isTrue();
		response.setComplete().block();
		assertThat(ran).hasSize(2);
	}

	@Test
	void aPassThatReturnsWorkHasItDoneBeforeTheResponseCommits() {
		MockServerHttpResponse server = new MockServerHttpResponse();
		CommitPassResponse response = CommitPassResponse.of(server);
		response.claim(() -> Mono.fromRunnable(() -> server.getHeaders().set("X-Later", "done")));
		response.writeWith(Mono.just(body())).block();
		assertThat(server.getHeaders().getFirst("X-Later")).isEqualTo("done");
		assertThat(server.isCommitted()).isTrue();
	}

	@Test
	void itIsFoundUnderOtherDecoratorsOnly() {
		MockServerHttpResponse server = new MockServerHttpResponse();
		CommitPassResponse response = CommitPassResponse.of(server);
		assertThat(CommitPassResponse.in(response)).isSameAs(response);
		assertThat(CommitPassResponse.in(new HttpHeadResponseDecorator(response))).isSameAs(response);
		assertThat(CommitPassResponse.in(new ServerHttpResponseDecorator(new ServerHttpResponseDecorator(response))))
			.isSameAs(response);
		assertThat(CommitPassResponse.in(server)).isNull();
		assertThat(CommitPassResponse.in(new HttpHeadResponseDecorator(server))).isNull();
	}

	@Test
	void aZeroCopyResponseStaysZeroCopyAndRunsThePassBeforeTheFileIsWritten() {
		List<String> order = new ArrayList<>();
		ZeroCopyServerResponse server = new ZeroCopyServerResponse(order);
		ServerHttpResponse response = CommitPassResponse.of(server);
		assertThat(response).isInstanceOf(ZeroCopyHttpOutputMessage.class);
		assertThat(CommitPassResponse.of(new MockServerHttpResponse()))
			.isNotInstanceOf(ZeroCopyHttpOutputMessage.class);
		((CommitPassResponse) response).claim(() -> {
			order.add("pass");
			return Mono.empty();
		});
		((ZeroCopyHttpOutputMessage) response).writeWith(Path.of("static.txt"), 0, 5).block();
		assertThat(order).containsExactly("pass", "file static.txt 0 5");
	}

	private static Mono<Void> failingPass() {
		throw new IllegalStateException("the pass failed");
	}

	private static void contentHeaders(ServerHttpResponse response) {
		response.setStatusCode(HttpStatus.OK);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		response.getHeaders().set("X-Application", "kept");
	}

	private static DataBuffer body() {
		return DefaultDataBufferFactory.sharedInstance.wrap(BODY);
	}

	/** A server's response that takes files without copying them. */
	static final class ZeroCopyServerResponse extends ServerHttpResponseDecorator implements ZeroCopyHttpOutputMessage {

		private final List<String> order;

		ZeroCopyServerResponse(List<String> order) {
			super(new MockServerHttpResponse());
			this.order = order;
		}

		@Override
		public Mono<Void> writeWith(Path file, long position, long count) {
			this.order.add("file " + file + " " + position + " " + count);
			return setComplete();
		}

	}

}
