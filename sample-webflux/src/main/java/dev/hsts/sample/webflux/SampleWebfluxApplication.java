package dev.hsts.sample.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample on WebFlux: the same API and docs page as sample-app, served by Reactor
 * Netty over HTTPS with hsts-spring-boot-starter, with no servlet API on the class path.
 * Run it with {@code java -jar sample-webflux/target/sample-webflux-*.jar} and open
 * https://localhost:8443/docs.
 */
@SpringBootApplication
public class SampleWebfluxApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleWebfluxApplication.class, args);
	}

}
