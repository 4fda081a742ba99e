package dev.hsts.sample;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The sample JSON API. */
@RestController
@RequestMapping("/v1")
public class ApiController {

	@GetMapping("/health")
	Map<String, String> health() {
		return Map.of("status", "UP");
	}

	/** Needs HTTP Basic (user {@code demo}). */
	@GetMapping("/users/me")
	Map<String, String> me(Principal principal) {
		return Map.of("name", principal.getName());
	}

	/**
	 * Public and cacheable: the application chooses its own Cache-Control, and the
	 * starter's {@code no-store} default steps aside.
	 */
	@GetMapping("/catalog")
	ResponseEntity<List<Map<String, String>>> catalog() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic())
			.body(List.of(Map.of("id", "1", "name", "Tea"), Map.of("id", "2", "name", "Coffee")));
	}

	@GetMapping("/fail")
	Map<String, String> fail() {
		throw new IllegalStateException("This endpoint fails on purpose, to show the headers on a 500.");
	}

}
