package io.consentflow.e2e;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment each process of a {@link Suite} gets, as run-local.sh gives it, with the journeys' few departures
 * (each says why). The ports are the suite's; the maps are the processes' own, changed in place.
 */
final class SuiteEnvironment {

    private SuiteEnvironment() {
    }

    /** What every service shares: the identity provider, Kafka, MongoDB, Meta's (simulated) API and the anchoring. */
    static Map<String, String> common(Ports ports, String kafka, String mongoUri, Anchoring anchoring) {
        Map<String, String> common = new HashMap<>();
        common.put("CONSENTFLOW_JWT_ISSUER", ports.issuer());
        common.put("CONSENTFLOW_JWT_JWK_SET_URI", ports.issuer() + "/oauth2/jwks");
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        common.put("MONGODB_URI", mongoUri);
        common.put("LOG_FORMAT", "ecs");
        common.put("WHATSAPP_APP_SECRET", Suite.APP_SECRET);
        common.put("WHATSAPP_ACCESS_TOKEN", "local-access-token");
        common.put("WHATSAPP_PHONE_NUMBER_ID", Suite.PHONE_NUMBER_ID);
        common.put("WHATSAPP_VERIFY_TOKEN", "local-verify-token");
        common.put("WHATSAPP_API_VERSION", "v23.0");
        common.put("WHATSAPP_API_BASE_URL", "http://localhost:" + ports.simulator());
        common.put("WHATSAPP_WEBHOOK_URL", "http://localhost:" + ports.gateway() + "/webhooks/whatsapp");
        common.put("AUDIT_TSA_URL", anchoring.tsa().url());
        common.put("AUDIT_TSA_CERTIFICATE", anchoring.certificate().toString());
        common.put("AUDIT_WITNESS_FOLDER", anchoring.witness().toString());
        common.put("CONSENTFLOW_PROOF_TSA_CERTIFICATE", anchoring.certificate().toString());
        return common;
    }

    static void authServer(Map<String, String> environment, Ports ports) {
        environment.put("CONSENTFLOW_AUTH_ISSUER", ports.issuer());
        environment.put("CONSENTFLOW_CONSOLE_URL", "http://localhost:" + ports.console());
    }

    static void consent(Map<String, String> environment, Ports ports) {
        environment.put("CONSENTFLOW_OPT_IN_TTL", Suite.OPT_IN_TTL_SECONDS + "s");
        environment.put("CONSENTFLOW_CONSENT_EXPIRYSCANINTERVAL", "2s");
        // every journey's browser is 127.0.0.1: the per-address abuse guard would otherwise throttle the campaign set-up
        environment.put("CONSENTFLOW_CONSENT_RATELIMIT_PERCLIENTADDRESS", "100000");
        // the Art. 15 export gathers what the other services hold about the subject
        environment.put("GATEWAY_URL", "http://localhost:" + ports.gateway());
        environment.put("RETENTION_URL", "http://localhost:" + ports.retention());
        environment.put("AUDIT_URL", "http://localhost:" + ports.audit());
    }

    static void gateway(Map<String, String> environment) {
        // journeys run at any hour: quiet hours (recipient's local night) would block their marketing sends
        environment.put("CONSENTFLOW_GATEWAY_GATE_QUIETFROM", "00:00");
        environment.put("CONSENTFLOW_GATEWAY_GATE_QUIETUNTIL", "00:00");
        // a request whose call met a crash or a 5xx is settled by its status webhook, else reported AMBIGUOUS after
        // this (10 minutes in production): the journeys wait minutes, not ten
        environment.put("CONSENTFLOW_GATEWAY_SEND_SETTLE_WITHIN", "20s");
    }

    static void console(Map<String, String> environment, Ports ports, String consentUrl) {
        environment.put("CONSENTFLOW_AUTH_ISSUER", ports.issuer());
        environment.put("CONSENT_URL", consentUrl);
        environment.put("GATEWAY_URL", "http://localhost:" + ports.gateway());
        environment.put("RETENTION_URL", "http://localhost:" + ports.retention());
        environment.put("AUDIT_URL", "http://localhost:" + ports.audit());
    }

    /**
     * A standalone suite's overrides: each service in databases of its own on the shared wire server (named with
     * {@code name}), the caller's overrides kept.
     */
    static Map<String, Map<String, String>> ownDatabases(String name, Map<String, Map<String, String>> overrides) {
        Map<String, Map<String, String>> all = new HashMap<>();
        Map<String, String> databases = Map.of("consent-service", "consent", "messaging-gateway", "gateway",
                "retention-service", "retention", "audit-service", "audit");
        databases.forEach((service, database) -> {
            Map<String, String> env = new HashMap<>(overrides.getOrDefault(service, Map.of()));
            env.putIfAbsent("MONGODB_DATABASE", database + "_" + name);
            all.put(service, env);
        });
        // relaxed binding of consentflow.consent.key-ring.database and consentflow.audit.salt-database
        all.get("consent-service").putIfAbsent("CONSENTFLOW_CONSENT_KEYRING_DATABASE", "consent_keys_" + name);
        all.get("audit-service").putIfAbsent("CONSENTFLOW_AUDIT_SALTDATABASE", "audit_keys_" + name);
        overrides.forEach((service, env) -> all.computeIfAbsent(service, s -> new HashMap<>(env)));
        return all;
    }

    /** The suite's ports, chosen free before any process starts, since each needs the others'. */
    record Ports(int simulator, int gateway, int retention, int audit, int auth, int console) {

        static Ports free() {
            return new Ports(Suite.freePort(), Suite.freePort(), Suite.freePort(), Suite.freePort(), Suite.freePort(),
                    Suite.freePort());
        }

        String issuer() {
            return "http://localhost:" + auth;
        }
    }
}
