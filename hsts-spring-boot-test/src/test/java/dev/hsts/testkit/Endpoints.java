package dev.hsts.testkit;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoints of the test applications, on Spring MVC and WebFlux alike: a plain page,
 * one with a path policy that allows inline scripts, and two that set headers of their
 * own (which the starter leaves as they are) the way a misconfigured proxy or application
 * would.
 */
@RestController
class Endpoints {

	@GetMapping("/")
	String home() {
		return "home";
	}

	@GetMapping("/legacy/page")
	String legacy() {
		return "legacy";
	}

	@GetMapping("/broken-hsts")
	ResponseEntity<String> brokenHsts() {
		return ResponseEntity.ok().header("Strict-Transport-Security", "max-age=300; max-age=600").body("broken");
	}

	/**
	 * Two Cache-Control fields (the starter keeps the security headers proper single: a
	 * second value replaces the first).
	 */
	@GetMapping("/duplicates")
	ResponseEntity<String> duplicates() {
		return ResponseEntity.ok().header("Cache-Control", "no-store", "public, max-age=60").body("duplicates");
	}

}
