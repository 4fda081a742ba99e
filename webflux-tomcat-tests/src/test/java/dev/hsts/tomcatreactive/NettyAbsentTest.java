package dev.hsts.tomcatreactive;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What this module proves holds only while neither Netty nor Reactor Netty is on its
 * class path: a dependency that brings one back in fails the build here, instead of
 * turning the module's tests into a second run on a class path that has them.
 */
class NettyAbsentTest {

	@ParameterizedTest
	@ValueSource(strings = { "io.netty.util.AsciiString", "io.netty.handler.codec.http.HttpHeaders",
			"reactor.netty.http.server.HttpServerResponse", "reactor.netty.http.server.HttpServerRequest" })
	void isNotOnTheClassPath(String className) {
		assertThat(ClassUtils.isPresent(className, getClass().getClassLoader())).as(className).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "org.springframework.boot.tomcat.reactive.TomcatReactiveWebServerFactory",
			"org.springframework.http.server.reactive.TomcatHttpHandlerAdapter" })
	void tomcatReactiveIs(String className) {
		assertThat(ClassUtils.isPresent(className, getClass().getClassLoader())).as(className).isTrue();
	}

}
