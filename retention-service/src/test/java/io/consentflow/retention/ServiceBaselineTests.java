package io.consentflow.retention;

import io.consentflow.platform.security.Role;
import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.ServiceBaselineContract;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

@RetentionServiceTest
class ServiceBaselineTests extends ServiceBaselineContract {

    @Override
    protected List<TopicSpec> createdTopics() {
        return List.of(Topics.RETENTION_COMMANDS, Topics.CONSENT_EVENTS.deadLetter(),
                Topics.MESSAGE_EVENTS.deadLetter());
    }

    @Override
    protected Map<String, Set<Role>> staffAccess() {
        // docs/architecture.md#roles
        return Map.ofEntries(
                Map.entry("GET /api/v1/retention/policies", EnumSet.of(Role.DPO, Role.SUPPORT, Role.ADMIN)),
                Map.entry("GET /api/v1/retention/deadlines", EnumSet.of(Role.DPO, Role.SUPPORT, Role.ADMIN)),
                Map.entry("GET /api/v1/retention/deadlines/summary", EnumSet.of(Role.DPO, Role.SUPPORT, Role.ADMIN)),
                Map.entry("GET /api/v1/retention/overdue", EnumSet.of(Role.DPO, Role.SUPPORT, Role.ADMIN)),
                Map.entry("GET /api/v1/retention/erasures/{erasureId}", EnumSet.of(Role.DPO, Role.SUPPORT, Role.ADMIN)),
                Map.entry("GET /api/v1/retention/erasures/open", EnumSet.of(Role.DPO, Role.SUPPORT, Role.ADMIN)),
                Map.entry("POST /api/v1/retention/erasures", EnumSet.of(Role.DPO, Role.ADMIN)));
    }
}
