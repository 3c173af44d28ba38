package io.consentflow.audit;

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
        // audit-service owns no topic; it creates the dead-letter topics of the topics it consumes
        return List.of(Topics.CONSENT_EVENTS.deadLetter(), Topics.SEND_REQUESTS.deadLetter(),
                Topics.MESSAGE_EVENTS.deadLetter(), Topics.WHATSAPP_INBOUND.deadLetter(),
                Topics.RETENTION_COMMANDS.deadLetter());
    }

    @Override
    protected Map<String, Set<Role>> staffAccess() {
        // docs/architecture.md#roles
        return Map.ofEntries(
                Map.entry("GET /api/v1/audit/verify", EnumSet.of(Role.DPO, Role.SUPPORT, Role.ADMIN)),
                Map.entry("GET /api/v1/audit/checkpoints", EnumSet.of(Role.DPO, Role.SUPPORT, Role.ADMIN)),
                Map.entry("GET /api/v1/audit/entries", EnumSet.of(Role.DPO, Role.ADMIN)),
                Map.entry("GET /api/v1/audit/entries.csv", EnumSet.of(Role.DPO, Role.ADMIN)),
                Map.entry("GET /api/v1/audit/anchoring", EnumSet.of(Role.DPO, Role.SUPPORT, Role.ADMIN)),
                Map.entry("GET /api/v1/audit/subjects/{subjectId}/proof", EnumSet.of(Role.DPO, Role.ADMIN)),
                Map.entry("GET /api/v1/audit/subjects/{subjectId}/evidence-chain", EnumSet.of(Role.DPO, Role.ADMIN)),
                Map.entry("GET /api/v1/audit/erasures/{erasureId}/certificate", EnumSet.of(Role.DPO, Role.ADMIN)));
    }
}
