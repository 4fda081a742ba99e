package dev.hsts.gateway;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * A Spring Cloud Gateway as a user writes it: no code, only auto-configuration and the
 * routes in properties ({@link GatewayApp}).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class GatewayApplication {

}
