package io.consentflow.consent.adapters.mongo;

import io.consentflow.platform.mongo.MongoCollections;

/**
 * The key ring's own database ({@code consentflow.consent.key-ring.database}, default {@code consent_keys}), apart
 * from the service's: {@link KeyRing} reaches it through these {@link MongoCollections}, built by config from the same
 * client (the one way to MongoDB, in a second database).
 */
public record KeyRingDatabase(MongoCollections collections) {
}
