package io.consentflow.consent;

import io.consentflow.platform.security.Role;
import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.ServiceBaselineContract;
import io.consentflow.testsupport.WithTestInfrastructure;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@WithTestInfrastructure
class ServiceBaselineTests extends ServiceBaselineContract {

    @Override
    protected List<TopicSpec> createdTopics() {
        return List.of(Topics.CONSENT_EVENTS, Topics.CONSENT_STATE, Topics.WHATSAPP_INBOUND.deadLetter(),
                Topics.MESSAGE_EVENTS.deadLetter(), Topics.RETENTION_COMMANDS.deadLetter());
    }

    @Override
    protected Map<String, Set<Role>> staffAccess() {
        // docs/architecture.md#roles
        return Map.ofEntries(
                Map.entry("GET /api/v1/subjects/{e164}/consent",
                        EnumSet.of(Role.DPO, Role.SUPPORT, Role.MARKETING, Role.ADMIN)),
                Map.entry("GET /api/v1/subjects/{e164}/history", EnumSet.of(Role.DPO, Role.SUPPORT, Role.ADMIN)),
                Map.entry("GET /api/v1/subjects/{e164}/export", EnumSet.of(Role.DPO, Role.ADMIN)),
                Map.entry("POST /api/v1/subjects/{e164}/erasure", EnumSet.of(Role.DPO, Role.ADMIN)),
                Map.entry("GET /api/v1/subjects/{e164}/proof", EnumSet.of(Role.DPO, Role.ADMIN)),
                Map.entry("POST /api/v1/subjects/{e164}/stop", EnumSet.of(Role.DPO, Role.SUPPORT, Role.ADMIN)),
                Map.entry("PUT /api/v1/subjects/{e164}/preferences", EnumSet.of(Role.DPO, Role.SUPPORT, Role.ADMIN)),
                Map.entry("PATCH /api/v1/subjects/{e164}/preferences", EnumSet.of(Role.DPO, Role.SUPPORT, Role.ADMIN)),
                Map.entry("GET /api/v1/erasure-requests", EnumSet.of(Role.DPO, Role.ADMIN)),
                Map.entry("POST /api/v1/erasure-requests/{contactKey}/confirm", EnumSet.of(Role.DPO, Role.ADMIN)),
                Map.entry("POST /api/v1/erasure-requests/{contactKey}/dismiss", EnumSet.of(Role.DPO, Role.ADMIN)));
    }

    @Override
    protected Map<String, String> pathValues() {
        return Map.of("e164", "+4915100000028");
    }
}
