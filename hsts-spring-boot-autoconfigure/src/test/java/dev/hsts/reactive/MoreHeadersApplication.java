package dev.hsts.reactive;

import java.net.URI;

import reactor.core.publisher.Mono;

import dev.hsts.test.EnableAutoConfigurationWithoutSpringSecurity;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A WebFlux application without Spring Security for the tests of the newer headers: a
 * plain answer, the application's own header value (set on the response or on a
 * {@code ResponseEntity}), a status of choice and a redirect.
 */
@SpringBootConfiguration
@EnableAutoConfigurationWithoutSpringSecurity
@RestController
public class MoreHeadersApplication {

	@RequestMapping({ "/ok", "/logout", "/public/ok" })
	Mono<String> ok() {
		return Mono.just("ok");
	}

	@GetMapping("/own")
	Mono<ResponseEntity<String>> own(@RequestParam String name, @RequestParam String value, @RequestParam String mode,
			ServerHttpResponse response) {
		switch (mode) {
			case "set" -> response.getHeaders().set(name, value);
			case "add" -> response.getHeaders().add(name, value);
			case "entity" -> {
				return Mono.just(ResponseEntity.ok().header(name, value).body("own"));
			}
			default -> throw new IllegalArgumentException(mode);
		}
		return Mono.just(ResponseEntity.ok("own"));
	}

	@GetMapping("/status/{code}")
	Mono<ResponseEntity<String>> status(@PathVariable int code) {
		return Mono.just(ResponseEntity.status(code).body("status " + code));
	}

	@GetMapping("/fail")
	Mono<String> fail() {
		return Mono.error(new ResponseStatusException(HttpStatus.CONFLICT));
	}

	@GetMapping("/redirect")
	Mono<ResponseEntity<Void>> redirect() {
		return Mono.just(ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/ok")).build());
	}

}
