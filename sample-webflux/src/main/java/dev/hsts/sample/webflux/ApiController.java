package dev.hsts.sample.webflux;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The sample JSON API, reactive. */
@RestController
@RequestMapping("/v1")
public class ApiController {

	/** How many events {@code /v1/events} sends before it ends. */
	static final int EVENTS = 3;

	@GetMapping("/health")
	Mono<Map<String, String>> health() {
		return Mono.just(Map.of("status", "UP"));
	}

	/**
	 * Public and cacheable: the application chooses its own Cache-Control, and the
	 * starter's {@code no-store} default steps aside.
	 */
	@GetMapping("/catalog")
	ResponseEntity<Flux<Map<String, String>>> catalog() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic())
			.body(Flux.just(Map.of("id", "1", "name", "Tea"), Map.of("id", "2", "name", "Coffee")));
	}

	@GetMapping("/fail")
	Mono<Map<String, String>> fail() {
		return Mono.error(new IllegalStateException("This endpoint fails on purpose, to show the headers on a 500."));
	}

	/**
	 * Server-sent events: a stream whose headers are sent with its first event, long
	 * before it ends, and still carry one of each header.
	 */
	@GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<String>> events() {
		return Flux.interval(Duration.ZERO, Duration.ofMillis(500))
			.take(EVENTS)
			.map((tick) -> ServerSentEvent.builder("tick " + (tick + 1)).id(String.valueOf(tick + 1)).build());
	}

}
