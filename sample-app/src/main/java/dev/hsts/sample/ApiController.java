package dev.hsts.sample;

import java.util.Map;

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

	@GetMapping("/users/me")
	Map<String, String> me() {
		return Map.of("name", "demo", "role", "user");
	}

	@GetMapping("/fail")
	Map<String, String> fail() {
		throw new IllegalStateException("This endpoint fails on purpose, to show the header on a 500.");
	}

}
