package io.consentflow.gateway;

import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.platform.security.Role;
import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.ServiceBaselineContract;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

@GatewayTest
class ServiceBaselineTests extends ServiceBaselineContract {

    @Override
    protected List<TopicSpec> createdTopics() {
        return List.of(Topics.SEND_REQUESTS, Topics.MESSAGE_EVENTS, Topics.WHATSAPP_INBOUND,
                Topics.SEND_REQUESTS.deadLetter(), Topics.RETENTION_COMMANDS.deadLetter());
    }

    @Override
    protected Map<String, Set<Role>> staffAccess() {
        // docs/architecture.md#roles
        return Map.ofEntries(
                Map.entry("GET /api/v1/messages/{requestId}", EnumSet.allOf(Role.class)),
                Map.entry("POST /api/v1/send-requests", EnumSet.of(Role.CAMPAIGN)),
                Map.entry("POST /api/v1/campaigns/{campaignId}/send-requests", EnumSet.of(Role.CAMPAIGN)),
                Map.entry("POST /api/v1/campaigns/{campaignId}/dry-run", EnumSet.of(Role.CAMPAIGN)),
                Map.entry("GET /api/v1/campaigns/{campaignId}/report",
                        EnumSet.allOf(Role.class)),
                Map.entry("GET /api/v1/campaigns/{campaignId}/report.csv",
                        EnumSet.allOf(Role.class)),
                Map.entry("GET /api/v1/messages", EnumSet.of(Role.DPO, Role.ADMIN)),
                Map.entry("GET /api/v1/contacts/{contactKey}/consent", EnumSet.of(Role.DPO, Role.SUPPORT, Role.ADMIN)),
                Map.entry("GET /api/v1/templates", EnumSet.of(Role.SUPPORT, Role.MARKETING, Role.ADMIN)),
                Map.entry("POST /api/v1/templates/refresh", EnumSet.of(Role.MARKETING, Role.ADMIN)));
    }
}
