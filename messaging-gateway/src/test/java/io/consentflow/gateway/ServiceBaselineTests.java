package io.consentflow.gateway;

import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.ServiceBaselineContract;
import java.util.List;

@GatewayTest
class ServiceBaselineTests extends ServiceBaselineContract {

    @Override
    protected List<TopicSpec> createdTopics() {
        return List.of(Topics.SEND_REQUESTS, Topics.MESSAGE_EVENTS, Topics.WHATSAPP_INBOUND,
                Topics.SEND_REQUESTS.deadLetter(), Topics.RETENTION_COMMANDS.deadLetter());
    }

    @Override
    protected String staffEndpoint() {
        return "/api/v1/messages/no-such-request";
    }

    @Override
    protected String allowedRole() {
        return "MARKETING";
    }

    @Override
    protected String forbiddenRole() {
        // every staff role may read timelines; a token without a known role may not
        return "AUDITOR";
    }
}
