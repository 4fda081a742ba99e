package dev.hsts.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small API and docs page served over HTTPS with hsts-spring-boot-starter. Run it with
 * {@code java -jar sample-app/target/sample-app-*.jar} and open
 * https://localhost:8443/docs.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
