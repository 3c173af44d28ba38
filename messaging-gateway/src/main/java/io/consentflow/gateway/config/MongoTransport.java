package io.consentflow.gateway.config;

import io.consentflow.platform.mongo.MongoDriverTransport;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The reactive client on the driver's own transport, not Netty's ({@link MongoDriverTransport}). */
@Configuration(proxyBeanMethods = false)
@Import(MongoDriverTransport.class)
class MongoTransport {
}
