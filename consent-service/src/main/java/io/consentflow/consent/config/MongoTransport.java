package io.consentflow.consent.config;

import io.consentflow.platform.mongo.MongoDriverTransport;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The reactive client on the driver's own transport, not Netty's ({@link MongoDriverTransport}), as the gateway and
 * audit-service: an opt-in batch's inserts carry the base64 ciphertexts of the number, the evidence and the queued
 * send request, which Netty's buffers took one byte at a time (the driver's command thread spent as many samples
 * encoding them as the driver's reply threads spent on everything else).
 */
@Configuration(proxyBeanMethods = false)
@Import(MongoDriverTransport.class)
class MongoTransport {
}
