package io.consentflow.audit.config;

import io.consentflow.platform.mongo.MongoDriverTransport;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The reactive client on the driver's own transport, not Netty's ({@link MongoDriverTransport}): each poll's entries
 * (hashes and digests, mostly 64-character strings) are encoded into heap buffers through their arrays instead of one
 * byte at a time into Netty's, which was most of the 30 % of this service's CPU spent encoding inserts.
 */
@Configuration(proxyBeanMethods = false)
@Import(MongoDriverTransport.class)
class MongoTransport {
}
